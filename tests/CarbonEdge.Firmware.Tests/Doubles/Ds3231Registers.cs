using System.Device.I2c;

namespace CarbonEdge.Firmware.Tests.Doubles;

/// <summary>
/// An I2C device that behaves like a DS3231's register file (datasheet, "I2C Serial Data Bus"): a write's first byte
/// sets the register pointer, further bytes are stored from there; reads return bytes from the pointer; the pointer
/// auto-increments. Every transfer is logged as hex.
/// </summary>
internal sealed class Ds3231Registers : I2cDevice
{
    private int _pointer;

    public byte[] Registers { get; } = new byte[0x13];

    public List<string> Log { get; } = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x68);

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    public override void Read(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = Registers[_pointer++ % Registers.Length];
        Log.Add("read " + Convert.ToHexString(buffer));
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Log.Add("write " + Convert.ToHexString(buffer));
        _pointer = buffer[0];
        for (int i = 1; i < buffer.Length; i++)
            Registers[_pointer++ % Registers.Length] = buffer[i];
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
