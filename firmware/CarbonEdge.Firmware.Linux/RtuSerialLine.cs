using System.IO.Ports;
using CarbonEdge.Firmware.Core.Bus;

namespace CarbonEdge.Firmware.Linux;

/// <summary>
/// The RS-485 line over System.IO.Ports. DE goes high for the request and low once its last stop bit has left the
/// UART (bytes x 11 bits / baud: .NET has no tcdrain), so the meter's answer is heard.
/// </summary>
internal sealed class RtuSerialLine(SerialPort port, BoardPins pins) : ISerialLine
{
    public void DiscardInput() => port.DiscardInBuffer();

    public void Write(byte[] buffer, int offset, int count)
    {
        pins.Transmit(true);
        port.Write(buffer, offset, count);
        Thread.Sleep(TimeSpan.FromSeconds(count * 11.0 / port.BaudRate));
        pins.Transmit(false);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        port.ReadTimeout = timeoutMilliseconds;
        try { return port.Read(buffer, offset, count); }
        catch (TimeoutException) { return 0; }
    }

    /// <summary>Opens <paramref name="name"/> with 8 data bits, 1 stop bit and the configured parity.</summary>
    public static SerialPort Open(string name, int baud, string parity)
    {
        var port = new SerialPort(name, baud, parity switch { "even" => Parity.Even, "odd" => Parity.Odd, _ => Parity.None }, 8, StopBits.One);
        port.Open();
        return port;
    }
}
