using System.Net;
using System.Text.RegularExpressions;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Simulators.Meters.Dlt645;

namespace CarbonEdge.Edge.Tests.Dlt645;

/// <summary>
/// <c>cedge read dlt645</c> and <c>cedge scan dlt645</c> as processes, against the simulated meter 000000001234 on TCP
/// (a transparent serial server's bytes), which answers an identifier it lacks with error word 02H.
/// </summary>
public sealed class Dlt645CliTests : IAsyncLifetime
{
    private Dlt645MeterServer? _meter;

    private string Endpoint => $"127.0.0.1:{((IPEndPoint)_meter!.LocalEndPoint!).Port}";

    public Task InitializeAsync()
    {
        _meter = Dlt645DeviceTests.StartMeter(Dlt645Address.FromNumber(1234), TimeSpan.Zero, new Dlt645MeterFaults { Preamble = 2 }).Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _meter!.DisposeAsync();

    [Fact]
    public async Task Read_PrintsValuesWithUnits_OnePerLine()
    {
        var (code, output, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "00010000");
        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"^\d+\.\d\d kWh\n$"), output);
        (code, output, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "0201FF00", "--repeat", "3");
        Assert.True(code == 0, error);
        Assert.Matches(new Regex(@"^(2\d\d\.\d V\n){3}3 requests, 0 failed"), output);
    }

    [Fact]
    public async Task Read_ErrorWordOrTimeout_ExitsNonZero_AndSaysWhy()
    {
        var (code, _, error) = await Cedge.RunAsync("read", "dlt645", "--tcp", Endpoint, "--address", "000000001234", "--di", "04000401");
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
