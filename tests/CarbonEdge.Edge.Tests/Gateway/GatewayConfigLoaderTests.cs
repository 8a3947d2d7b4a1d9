using CarbonEdge.Edge.Hosting;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Gateway;

public sealed class GatewayConfigLoaderTests
{
    private readonly RunFolder _folder = RunFolder.Create("gateway-config");

    private const string Valid = """
        {
          "gateway": { "site": "plant-01", "id": "gw-01", "dataDir": "data" },
          "mqtt": { "url": "mqtt://127.0.0.1:1883" },
          "devices": [
            { "id": "m-101", "driver": "modbus-tcp", "intervalMs": 1000, "modbus": { "host": "127.0.0.1", "port": 5020, "unitId": 1 },
              "points": [ { "point": "energy.active.import", "function": 3, "address": 0, "type": "float64" } ] }
          ]
        }
        """;

    private (Edge.Config.GatewayConfig, IReadOnlyList<string>) Load(string json)
    {
        string path = _folder.File($"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return GatewayConfigLoader.Load(path);
    }

    [Fact]
    public void A_valid_config_loads_with_data_dir_next_to_the_file()
    {
        var (config, problems) = Load(Valid);
        Assert.Empty(problems);
        Assert.Equal(Path.Combine(_folder.Path, "data"), config.Gateway.DataDir);
        Assert.Equal(1000, Assert.Single(config.Devices).IntervalMs);
        Assert.Equal(500, config.Uplink.MaxReadingsPerBatch);
    }

    [Fact]
    public void Every_problem_is_listed_with_where_it_is()
    {
        string json = Valid
            .Replace("\"site\": \"plant-01\"", "\"site\": \"Plant 01\"")
            .Replace("mqtt://127.0.0.1:1883", "http://broker")
            .Replace("\"point\": \"energy.active.import\"", "\"point\": \"energy.total\"")
            .Replace("\"intervalMs\": 1000", "\"intervalMs\": 1");
        var (_, problems) = Load(json);
        Assert.Contains(problems, p => p.StartsWith("gateway.site:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("mqtt.url:", StringComparison.Ordinal) && p.Contains("mqtt://"));
        Assert.Contains(problems, p => p.StartsWith("devices[0] (m-101).points[0]:", StringComparison.Ordinal) && p.Contains("energy.total"));
        Assert.Contains(problems, p => p.StartsWith("devices[0] (m-101).intervalMs:", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void A_dlt645_device_loads_and_its_section_is_checked()
    {
        const string meter = """
            { "id": "m-645", "driver": "dlt645", "dlt645": { "address": "000000001234", "serialPort": "/dev/ttyUSB0", "clockCheckS": 600 },
              "points": [ { "point": "energy.active.import" } ] }
            """;
        var (config, problems) = Load(Valid.Replace("\"devices\": [", "\"devices\": [" + meter + ","));
        Assert.Empty(problems);
        Assert.Equal(("000000001234", "E", 600), (config.Devices[0].Dlt645!.Address, config.Devices[0].Dlt645!.Parity, config.Devices[0].Dlt645!.ClockCheckS));
        (_, problems) = Load(Valid.Replace("\"devices\": [", "\"devices\": [" + meter.Replace("000000001234", "1234").Replace("600", "-1") + ","));
        Assert.Contains(problems, p => p.StartsWith("devices[0] (m-645).dlt645.address:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("devices[0] (m-645).dlt645.clockCheckS:", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_device_ids_and_an_empty_device_list_are_problems()
    {
        string device = Valid[(Valid.IndexOf("{ \"id\"", StringComparison.Ordinal))..Valid.LastIndexOf(']')].Trim();
        var (_, duplicates) = Load(Valid.Replace(device, device + "," + device));
        Assert.Contains(duplicates, p => p.Contains("'m-101' used 2 times"));
        var (_, none) = Load(Valid.Replace(device, ""));
        Assert.Contains(none, p => p.Contains("no devices"));
    }

    [Fact]
    public void Malformed_json_is_one_clear_problem()
    {
        var (_, problems) = Load("{ \"gateway\": ");
        Assert.Single(problems);
    }
}
