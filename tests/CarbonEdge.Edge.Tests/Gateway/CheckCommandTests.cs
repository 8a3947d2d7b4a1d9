using System.Net;
using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Server;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Gateway;

/// <summary>
/// <c>cedge check</c> against mosquitto over TLS, a password file and an ACL (gw-01 may use only its own
/// topics; intruder may use only another gateway's): exit 0 with the right settings, otherwise non-zero naming the reason.
/// </summary>
public sealed class CheckCommandTests : IAsyncLifetime
{
    private readonly RunFolder _folder = RunFolder.Create("cedge-check");
    private readonly ModbusRegisterMap _registers = new([1], size: 64);
    private MosquittoBroker _broker = null!;
    private ModbusTcpServer _meter = null!;

    public async Task InitializeAsync()
    {
        string passwords = await MosquittoPasswordFile.CreateAsync(_folder, ("gw-01", "s3cret"), ("intruder", "s3cret"));
        string acl = _folder.File("acl");
        await File.WriteAllTextAsync(acl, "user gw-01\ntopic readwrite carbonedge/v1/plant-01/gw-01/#\n\nuser intruder\ntopic readwrite carbonedge/v1/plant-01/gw-99/#\n");
        _broker = await MosquittoBroker.StartAsync("cedge-check-mosquitto", new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFile = passwords,
            AclFile = acl,
        });
        _registers.SetValue(ModbusTable.HoldingRegisters, 1, 0, 1234.5, ModbusDataType.Float64);
        _meter = new ModbusTcpServer(_registers);
        _meter.Start(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public async Task DisposeAsync()
    {
        await _meter.DisposeAsync();
        await _broker.DisposeAsync();
    }

    /// <summary>A config beside a copy of <paramref name="caFile"/> (relative paths resolve against the config's folder).</summary>
    private string Config(string user, string password, string caFile)
    {
        string name = Guid.NewGuid().ToString("N")[..8];
        File.Copy(caFile, _folder.File($"ca-{name}.crt"));
        string path = _folder.File($"gateway-{name}.json");
        File.WriteAllText(path, $$"""
            {
              "gateway": { "site": "plant-01", "id": "gw-01", "dataDir": "data-{{name}}" },
              "mqtt": { "url": "{{_broker.Url}}", "username": "{{user}}", "password": "{{password}}", "caFile": "ca-{{name}}.crt" },
              "devices": [
                { "id": "m-101", "driver": "modbus-tcp", "modbus": { "host": "127.0.0.1", "port": {{_meter.LocalEndPoint.Port}}, "unitId": 1, "timeoutMs": 1000 },
                  "points": [ { "point": "energy.active.import", "function": 3, "address": 0, "type": "float64" } ] }
              ]
            }
            """);
        return path;
    }

    [Fact]
    public async Task Passes_with_the_right_credentials_and_ca()
    {
        var (code, output, error) = await Cedge.RunAsync("check", "--config", Config("gw-01", "s3cret", _broker.CaFile!));
        Assert.True(code == 0, output + error);
        Assert.Contains("broker ACL", output);
        Assert.Contains("device m-101", output);
    }

    [Fact]
    public async Task Names_a_bad_password()
    {
        var (code, _, error) = await Cedge.RunAsync("check", "--config", Config("gw-01", "wrong", _broker.CaFile!));
        Assert.NotEqual(0, code);
        Assert.Contains("NotAuthorized (0x87)", error);
        Assert.Contains("password", error);
    }

    [Fact]
    public async Task Names_a_certificate_it_does_not_trust()
    {
        var other = TestCertificates.Create("cedge-check-other-pki");
        var (code, _, error) = await Cedge.RunAsync("check", "--config", Config("gw-01", "s3cret", other.CaFile));
        Assert.NotEqual(0, code);
        Assert.Contains("certificate not trusted", error);
    }

    [Fact]
    public async Task Names_a_denied_topic()
    {
        var (code, _, error) = await Cedge.RunAsync("check", "--config", Config("intruder", "s3cret", _broker.CaFile!));
        Assert.NotEqual(0, code);
        Assert.Contains("topic denied", error);
        Assert.Contains("NotAuthorized", error);
    }

    /// <summary>
    /// Out-of-range settings are named with where they are, by the shipped native binary too: there the attribute check
    /// is generated code, as the reflection-based one is trimmed away (it once let these through, and the gateway crashed).
    /// </summary>
    [Fact]
    public async Task Names_each_out_of_range_setting_with_where_it_is()
    {
        string path = Config("gw-01", "s3cret", _broker.CaFile!);
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace($"\"port\": {_meter.LocalEndPoint.Port}", "\"port\": 70000")
            .Replace("\"driver\": \"modbus-tcp\",", "\"driver\": \"modbus-tcp\", \"intervalMs\": -5,"));
        var (code, _, error) = await Cedge.RunAsync("check", "--config", path);
        Assert.NotEqual(0, code);
        Assert.Contains("devices[0] (m-101).intervalMs: The field IntervalMs must be between 10 and 86400000.", error);
        Assert.Contains("devices[0] (m-101).modbus.port: The field Port must be between 1 and 65535.", error);
    }
}
