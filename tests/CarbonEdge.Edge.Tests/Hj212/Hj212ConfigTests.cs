using CarbonEdge.Edge.Hosting;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Hj212;

public sealed class Hj212ConfigTests
{
    private readonly RunFolder _folder = RunFolder.Create("hj212-config");

    private IReadOnlyList<string> Problems(string hj212)
    {
        string path = _folder.File($"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "gateway": { "site": "plant-01", "id": "gw-01" }, "mqtt": { "url": "mqtt://127.0.0.1:1883" }, "hj212": {{hj212}} }
            """);
        return GatewayConfigLoader.Load(path).Problems;
    }

    [Fact]
    public void A_gateway_with_only_an_hj212_input_is_valid() =>
        Assert.Empty(Problems("""{ "listen": "0.0.0.0:9212", "relayTo": "10.0.0.5:9000", "stations": [ { "mn": "88888880000001", "pw": "123456", "device": "stack-1" } ] }"""));

    [Fact]
    public void Every_problem_of_the_section_is_listed()
    {
        var problems = Problems("""
            { "listen": "nowhere", "crc": "crc32", "timeZone": "Mars/Olympus", "relayTo": "platform",
              "stations": [ { "mn": "1", "pw": "p", "device": "Stack 1" }, { "mn": "1", "pw": "p", "device": "s" } ] }
            """);
        Assert.Contains(problems, p => p.StartsWith("hj212.listen:"));
        Assert.Contains(problems, p => p.StartsWith("hj212.crc:"));
        Assert.Contains(problems, p => p.StartsWith("hj212.timeZone:"));
        Assert.Contains(problems, p => p.StartsWith("hj212.relayTo:"));
        Assert.Contains(problems, p => p.StartsWith("hj212.stations[0].device:"));
        Assert.Contains(problems, p => p.Contains("MN '1' used 2 times"));
    }
}
