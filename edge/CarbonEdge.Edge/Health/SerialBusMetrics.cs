using CarbonEdge.Edge.Devices;
using CarbonEdge.Protocols.Channels;
using Prometheus;

namespace CarbonEdge.Edge.Health;

/// <summary>
/// Per serial bus on <c>/metrics</c> (labels <c>bus</c>, the name in <c>serialBuses</c> or the port path, and
/// <c>port</c>): <c>cedge_gateway_serial_bus_up</c> (1 while open and working, 0 while down or not opened yet) and
/// <c>cedge_gateway_serial_bus_downs_total</c> (times it went down: failed to open, broke, or its port vanished).
/// </summary>
internal static class SerialBusMetrics
{
    /// <summary>Adds the collectors to <paramref name="registry"/>, read from <paramref name="buses"/> at each scrape.</summary>
    public static void Register(CollectorRegistry registry, SerialBuses buses)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var up = factory.CreateGauge("cedge_gateway_serial_bus_up", "1 while the serial bus is open and working, 0 while down (port gone, cannot open) or not opened yet.", "bus", "port");
        var downs = factory.CreateCounter("cedge_gateway_serial_bus_downs_total", "Times the serial bus went down (failed to open, broke, port gone) since start.", "bus", "port");
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var bus in buses.All)
            {
                up.WithLabels(bus.Name, bus.Port).Set(bus.Line.State == BusLineState.Up ? 1 : 0);
                downs.WithLabels(bus.Name, bus.Port).IncTo(bus.Line.Downs);
            }
        });
    }
}
