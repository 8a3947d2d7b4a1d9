using CarbonEdge.Edge.Buffer;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Gateway;

/// <summary><c>cedge buffer</c>, run as the field engineer runs it.</summary>
public sealed class BufferCommandTests
{
    private readonly RunFolder _folder = RunFolder.Create("buffer-command");

    private async Task<(int Exit, string Output)> RunAsync()
    {
        await using var cedge = ExternalProcess.Start(ShippedGateway.Path,
            ["buffer", "--config", _folder.File("gateway.json")], _folder.File("cedge.log"),
            environment: new Dictionary<string, string> { ["COLUMNS"] = "200" });
        int exit = await cedge.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, cedge.ReadLog());
    }

    private void WriteConfig() => File.WriteAllText(_folder.File("gateway.json"), """
        { "gateway": { "site": "plant-01", "id": "gw-01", "dataDir": "data" }, "mqtt": { "url": "mqtt://127.0.0.1:1883" }, "devices": [] }
        """);

    [Fact]
    public async Task Shows_what_the_buffer_holds()
    {
        WriteConfig();
        using (var buffer = ReadingBuffer.Open(_folder.File("data/buffer.db")))
        {
            var t0 = DateTimeOffset.UtcNow.AddMinutes(-3);
            buffer.Add(Enumerable.Range(0, 25).Select(i => Reading.Good("m-1", "power.active", i, t0.AddSeconds(i))).ToList());
            buffer.Seal("plant-01", "gw-01", 10, t0);
            buffer.Add([Reading.Good("m-1", "power.active", 1, t0)]);
        }
        var (exit, output) = await RunAsync();
        Assert.Equal(0, exit);
        Assert.Contains("3 (25 readings)", output);
        Assert.Matches(@"readings buffered in all\s*│\s*26", output);
        Assert.Matches(@"next seq\s*│\s*4", output);
    }

    [Fact]
    public async Task Says_when_there_is_no_buffer_yet()
    {
        WriteConfig();
        var (exit, output) = await RunAsync();
        Assert.Equal(1, exit);
        Assert.Contains("has not run", output);
    }
}
