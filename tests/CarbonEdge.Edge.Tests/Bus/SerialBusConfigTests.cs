using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Hosting;
using CarbonEdge.Protocols.Channels;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Bus;

/// <summary>The <c>serialBuses</c> section: a bus's defaults by its meters, devices naming a bus, line settings that must agree.</summary>
public sealed class SerialBusConfigTests
{
    private const string Devices = """
        [ { "id": "m-645", "driver": "dlt645", "bus": "rs485-1", "dlt645": { "address": "000000001234" }, "points": [ { "point": "energy.active.import" } ] },
          { "id": "m-rtu", "driver": "modbus-rtu", "bus": "rs485-1", "modbus": { "unitId": 7 }, "points": [ { "point": "power.active", "function": 4, "address": 18, "type": "float32" } ] } ]
        """;

    private readonly RunFolder _folder = RunFolder.Create("serial-bus-config");

    private (GatewayConfig Config, IReadOnlyList<string> Problems) Load(string buses, string devices = Devices)
    {
        string path = _folder.File($"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "gateway": { "site": "plant-01", "id": "gw-01" }, "mqtt": { "url": "mqtt://127.0.0.1:1883" }, "serialBuses": {{buses}}, "devices": {{devices}} }
            """);
        return GatewayConfigLoader.Load(path);
    }

    private static SerialBuses Buses(GatewayConfig config) =>
        new(config.SerialBuses, config.Devices, TimeProvider.System, NullLogger<SerialBuses>.Instance);

    [Fact]
    public async Task A_dlt645_meter_and_a_modbus_device_on_one_named_bus_share_one_line_at_the_meters_default_2400_8E1()
    {
        var (config, problems) = Load("""[ { "name": "rs485-1", "port": "/dev/ttyUSB0" } ]""");
        Assert.Empty(problems);
        var buses = Buses(config);
        Assert.Equal("/dev/ttyUSB0 2400 8E1", buses.Named("m-645", "rs485-1").ToString());
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance, buses);
        await using var devices = new DeviceSet(config.Devices.Select(factory.Create).ToList());
        var bus = Assert.Single(buses.All);
        Assert.Equal(("rs485-1", "/dev/ttyUSB0", "not-opened"), (bus.Name, bus.Port, bus.State));
    }

    [Fact]
    public void A_bus_of_1997_meters_defaults_to_1200_baud()
    {
        var (config, problems) = Load("""[ { "name": "old", "port": "/dev/ttyUSB1" } ]""",
            """[ { "id": "m-97", "driver": "dlt645", "bus": "old", "dlt645": { "address": "000000001234", "version": "1997" }, "points": [ { "point": "energy.active.import" } ] } ]""");
        Assert.Empty(problems);
        Assert.Equal(1200, Buses(config).Named("m-97", "old").Baud);
    }

    [Fact]
    public void A_device_naming_a_bus_that_is_not_configured_is_a_problem() =>
        Assert.Contains(Load("[]").Problems, p => p.Contains("bus 'rs485-1' is not in serialBuses"));

    [Fact]
    public void A_bus_named_twice_is_a_problem() =>
        Assert.Contains(Load("""[ { "name": "rs485-1", "port": "/dev/ttyUSB0" }, { "name": "rs485-1", "port": "/dev/ttyUSB1" } ]""").Problems,
            p => p.Contains("serialBuses: name 'rs485-1' used 2 times"));

    [Fact]
    public void Devices_giving_one_port_with_other_line_settings_are_refused()
    {
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance);
        factory.Create(new DeviceOptions
        {
            Id = "m-645", Driver = "dlt645",
            Dlt645 = new Dlt645DeviceOptions { Address = "000000001234", SerialPort = "/dev/ttyUSB2" },
            Points = [new PointOptions { Point = "energy.active.import" }],
        });
        var error = Assert.Throws<DeviceConfigException>(() => factory.Create(new DeviceOptions
        {
            Id = "m-rtu", Driver = "modbus-rtu",
            Modbus = new ModbusDeviceOptions { SerialPort = "/dev/ttyUSB2" }, // 9600 8N1 against the meter's 2400 8E1
            Points = [new PointOptions { Point = "power.active", Function = 4, Address = 18, Type = "float32" }],
        }));
        Assert.Contains("same line settings", error.Message);
        Assert.Single(factory.SerialBuses.All);
        Assert.Equal(BusLineState.NotOpened, factory.SerialBuses.All[0].Line.State);
    }

    [Fact]
    public void A_tcp_device_cannot_name_a_bus() =>
        Assert.Throws<DeviceConfigException>(() => new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance).Create(new DeviceOptions
        {
            Id = "m-tcp", Driver = "modbus-tcp", Bus = "rs485-1",
            Modbus = new ModbusDeviceOptions { Host = "127.0.0.1" },
            Points = [new PointOptions { Point = "power.active" }],
        }));
}
