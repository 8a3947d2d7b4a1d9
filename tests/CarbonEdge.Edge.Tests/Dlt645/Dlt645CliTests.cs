using System.Net;
using System.Net.Sockets;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Dlt645.Messages;

namespace CarbonEdge.Edge.Tests.Dlt645;

/// <summary>
/// <c>cedge read dlt645</c> and <c>cedge scan dlt645</c> as processes, against a meter on TCP (a transparent serial
/// server's bytes) that knows 00010000 and 0201FF00 and answers anything else with error word 02H.
/// </summary>
public sealed class Dlt645CliTests : IAsyncLifetime
{
    private static readonly Dlt645Address Meter = Dlt645Address.Parse("000000001234");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _serving;

    private string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public Task InitializeAsync()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _serving!; } catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            var stream = client.GetStream();
            var buffer = new byte[1024];
            int end = 0;
            try
            {
                while (true)
                {
                    int n = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    if (n == 0) break;
                    end += n;
                    var reply = Answer(buffer.AsSpan(0, end), out int consumed);
                    buffer.AsSpan(consumed, end - consumed).CopyTo(buffer);
                    end -= consumed;
                    if (reply.Length > 0) await stream.WriteAsync(reply, cancellationToken);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private static byte[] Answer(ReadOnlySpan<byte> input, out int consumed)
    {
        var reply = new byte[300];
        if (Dlt645Framing.TryDecode(input, out var frame, out consumed, out _) != Dlt645DecodeStatus.Complete) return [];
        if (frame.Control == Dlt645ControlCode.ReadAddress) return reply[..Dlt645Replies.EncodeReadAddress(reply, 2, Meter)];
        if (frame.Address != Meter) return [];
        Span<byte> plain = stackalloc byte[4];
        frame.CopyData(plain);
        var id = Dlt645DataIdentifier.Read(plain, Dlt645Version.V2007);
        Span<byte> values = stackalloc byte[6];
        if (id == Dlt645Catalog.ForwardActiveEnergy)
        {
            Dlt645ValueCodec.Encode(values, Dlt645DataFormat.Energy, Dlt645Value.OfNumber(123456.78m));
            return reply[..Dlt645Replies.EncodeRead(reply, 2, Meter, id, values[..4], more: false)];
        }
        if (id.Value == 0x0201FF00)
        {
            for (int i = 0; i < 3; i++) Dlt645ValueCodec.Encode(values[(2 * i)..], Dlt645DataFormat.Voltage, Dlt645Value.OfNumber(220.1m + i));
            return reply[..Dlt645Replies.EncodeRead(reply, 2, Meter, id, values, more: false)];
        }
        return reply[..Dlt645Replies.EncodeError(reply, 2, Meter, Dlt645ControlCode.ReadData, (byte)Dlt645ErrorWord.NoRequestedData)];
    }

    [Fact]
    public async Task Read_PrintsValuesWithUnits_OnePerLine()
    {
        var (code, output, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "00010000");
        Assert.True(code == 0, error);
        Assert.Equal("123456.78 kWh\n", output);
        (code, output, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "0201FF00", "--repeat", "3");
        Assert.True(code == 0, error);
        Assert.StartsWith("220.1 V\n221.1 V\n222.1 V\n3 requests, 0 failed", output);
    }

    [Fact]
    public async Task Read_ErrorWordOrTimeout_ExitsNonZero_AndSaysWhy()
    {
        var (code, _, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "02800002");
        Assert.Equal(1, code);
        Assert.Contains("error word 0x02 (NoRequestedData)", error);
        (code, _, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000009999", "--di", "00010000", "--timeout", "200");
        Assert.Equal(1, code);
        Assert.Contains("no reply within 200 ms", error);
        (code, _, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "1234", "--di", "00010000");
        Assert.Equal(2, code);
        Assert.Contains("is not 12 digits", error);
    }

    [Fact]
    public async Task Scan_FindsTheMeter_By13H_AndOnARange()
    {
        var (code, output, error) = await Cedge.RunAsync("scan", "dlt645", "--tcp", Endpoint);
        Assert.True(code == 0, error);
        Assert.Contains("meter 000000001234 answers", output);
        (code, output, error) = await Cedge.RunAsync("scan", "dlt645", "--tcp", Endpoint, "--range", "000000001232-000000001235", "--timeout", "700");
        Assert.True(code == 0, error);
        Assert.Contains("000000001234", output);
        Assert.Contains("1 of 4 addresses answer", output);
    }
}
