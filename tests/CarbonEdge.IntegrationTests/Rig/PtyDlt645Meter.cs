using System.IO.Ports;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;

namespace CarbonEdge.IntegrationTests.Rig;

/// <summary>
/// A DL/T 645-2007 meter on one end of a pty pair, built on protocols/CarbonEdge.Protocols.Dlt645: answers read-data
/// requests for its address with forward active energy (growing 0.01 kWh per read) and phase A voltage, in the
/// catalogue's formats, and keeps every energy value it served.
/// </summary>
internal sealed class PtyDlt645Meter : IDisposable
{
    private readonly SerialPort _port;
    private readonly Thread _thread;
    private readonly Dlt645Address _address;
    private volatile bool _stopping;
    private decimal _energy = 1000.00m;

    public PtyDlt645Meter(string path, Dlt645Address address)
    {
        _address = address;
        _port = new SerialPort(path, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = 200 };
        _port.Open();
        _thread = new Thread(Serve) { IsBackground = true, Name = "dlt645-meter" };
        _thread.Start();
    }

    public List<decimal> EnergyServed { get; } = [];

    private void Serve()
    {
        byte[] input = new byte[512];
        int count = 0;
        while (!_stopping)
        {
            try
            {
                count += _port.Read(input, count, input.Length - count);
            }
            catch (TimeoutException)
            {
                continue;
            }
            while (true)
            {
                var status = Dlt645Framing.TryDecode(input.AsSpan(0, count), out var frame, out int consumed, out _);
                if (status == Dlt645DecodeStatus.NeedMoreData) break;
                if (status == Dlt645DecodeStatus.Complete) Answer(frame);
                input.AsSpan(consumed, count - consumed).CopyTo(input);
                count -= consumed;
            }
        }
    }

    private void Answer(Dlt645Frame request)
    {
        if (request.Control != Dlt645ControlCode.ReadData || !request.Address.Equals(_address)) return;
        Span<byte> plain = stackalloc byte[request.DataLength];
        request.CopyData(plain);
        var identifier = Dlt645DataIdentifier.Read(plain, Dlt645Version.V2007);
        if (!Dlt645Catalog.TryGet(identifier, out var item)) return;
        decimal value = identifier == Dlt645Catalog.ForwardActiveEnergy ? NextEnergy() : 220.1m;
        byte[] values = new byte[item.Format.Bytes];
        Dlt645ValueCodec.Encode(values, item.Format, Dlt645Value.OfNumber(value));
        byte[] reply = new byte[64];
        int length = Dlt645Replies.EncodeRead(reply, 2, _address, identifier, values, more: false);
        _port.Write(reply, 0, length);
    }

    private decimal NextEnergy()
    {
        lock (EnergyServed)
        {
            _energy += 0.01m;
            EnergyServed.Add(_energy);
            return _energy;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _port.Dispose();
    }
}
