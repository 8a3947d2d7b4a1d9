using System.Net;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Devices.Dlt645;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Simulators.Meters;
using CarbonEdge.Simulators.Meters.Dlt645;
using CarbonEdge.Simulators.Profiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Tests.Dlt645;

/// <summary>
/// The gateway's <c>dlt645</c> driver against the simulated meter (in process, on TCP): points by catalogue, the
/// daily freeze with the meter's own time stamp, the clock drift of a meter 200 s fast and the broadcast time sync that
/// brings it back, and a silent meter's bad readings and back-off.
/// </summary>
public class Dlt645DeviceTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    internal static (Dlt645MeterServer Server, Dlt645MeterValues Values, Dlt645MeterClock Clock) StartMeter(Dlt645Address address, TimeSpan offset,
        Dlt645MeterFaults faults, TimeProvider? time = null)
    {
        var model = new MeterModel(LoadProfile.Load(LoadProfile.DefaultPath), new MeterSettings());
        var clock = new Dlt645MeterClock(new SimulationClock(time ?? TimeProvider.System), Shanghai.BaseUtcOffset, offset);
        var values = new Dlt645MeterValues(model, clock);
        var server = new Dlt645MeterServer(new Dlt645MeterResponder(address, Dlt645Version.V2007, values, clock, faults), faults);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return (server, values, clock);
    }

    private static DeviceOptions Options(int port, int clockCheckS = 1) => new()
    {
        Id = "m-645",
        Driver = "dlt645",
        IntervalMs = 1000,
        Dlt645 = new Dlt645DeviceOptions { Address = "000000001234", Host = "127.0.0.1", Port = port, ClockCheckS = clockCheckS, TimeoutMs = 1000 },
        Points = [new PointOptions { Point = "energy.active.import" }, new PointOptions { Point = "power.active" }, new PointOptions { Point = "voltage.a" }],
    };

    [Fact]
    public async Task Poll_ReadsPoints_TheFrozenDay_AndBringsAFastClockBack()
    {
        var time = new ShiftedTime(TimeSpan.FromHours(10.5)); // the meter and the gateway at 10:30 today: away from midnight and full hours
        var (server, values, clock) = StartMeter(Dlt645Address.FromNumber(1234), TimeSpan.FromSeconds(200), new Dlt645MeterFaults(), time);
        await using var _ = server;
        var factory = new DeviceFactory(time, NullLoggerFactory.Instance);
        await using var device = factory.Create(Options(((IPEndPoint)server.LocalEndPoint!).Port));

        var first = await device.PollAsync(CancellationToken.None);
        Assert.All(first.Where(r => r.Point != Points.EnergyActiveImportFrozen), r => Assert.True(r.Quality == ReadingQuality.Good, $"{r.Point}: {r.Reason}"));
        Assert.InRange(first.Single(r => r.Point == "voltage.a").Value!.Value, 215, 225);
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai);

        // the first poll reads the last 7 freezes (frozenBackfillDays), oldest first, each at the meter's own midnight
        var frozen = first.Where(r => r.Point == Points.EnergyActiveImportFrozen).ToList();
        Assert.Equal(7, frozen.Count);
        for (int n = 1; n <= 7; n++)
        {
            var reading = frozen[7 - n];
            Assert.Equal((ReadingQuality.Good, TimestampSource.Device), (reading.Quality, reading.TsSource));
            Assert.Equal(new DateTimeOffset(local.Date.AddDays(1 - n), Shanghai.BaseUtcOffset), reading.Ts);
            Assert.True(Dlt645Catalog.TryGet(Dlt645Catalog.DailyFrozenForwardActiveEnergyOf(n), out var item));
            Assert.Equal((double)values.Read(item)[0].Number, reading.Value);
        }
        Assert.True(frozen.Zip(frozen.Skip(1)).All(p => p.First.Value < p.Second.Value), "the register grows from freeze to freeze");

        Assert.InRange(first.Single(r => r.Point == Points.ClockDrift).Value!.Value, 195, 205);
        Assert.Equal(1, ((Dlt645Device)device).TimeSyncs);
        Assert.Equal(1, clock.SyncsApplied);
        var second = await device.PollAsync(CancellationToken.None);
        var drift = second.Single(r => r.Point == Points.ClockDrift);
        Assert.Equal(ReadingQuality.Good, drift.Quality);
        Assert.InRange(drift.Value!.Value, -3, 3);
        Assert.DoesNotContain(second, r => r.Point == Points.EnergyActiveImportFrozen); // once a day
    }

    [Fact]
    public async Task SilentMeter_GivesBadReadings_ThenIsBackedOff()
    {
        var (server, _, _) = StartMeter(Dlt645Address.FromNumber(1234), TimeSpan.Zero, new Dlt645MeterFaults { Silent = true });
        await using var _ = server;
        var factory = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance);
        var options = Options(((IPEndPoint)server.LocalEndPoint!).Port);
        options.Dlt645!.TimeoutMs = 100;
        options.Dlt645.Retries = 0;
        await using var device = factory.Create(options);
        for (int i = 0; i < 3; i++)
        {
            var readings = await device.PollAsync(CancellationToken.None);
            Assert.Contains(readings, r => r.Quality == ReadingQuality.Bad && r.Reason == "timeout");
        }
        var backedOff = await device.PollAsync(CancellationToken.None);
        Assert.All(backedOff, r => Assert.StartsWith("offline", r.Reason));
    }

    [Fact]
    public void UnknownPoint_IsAConfigError()
    {
        var options = Options(1);
        options.Points.Add(new PointOptions { Point = "cems.co2" });
        var error = Assert.Throws<DeviceConfigException>(() => new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance).Create(options));
        Assert.Contains("no DL/T 645-2007 data identifier", error.Message);
    }

    /// <summary><c>dlt645.interFrameDelayMs</c> reaches the client: the next request waits that long after the last reply
    /// (a lower bound only).</summary>
    [Fact]
    public async Task InterFrameDelay_FromTheConfig_KeepsTheLineQuietBetweenRequests()
    {
        var (server, _, _) = StartMeter(Dlt645Address.FromNumber(1234), TimeSpan.Zero, new Dlt645MeterFaults());
        await using var _ = server;
        var options = Options(((IPEndPoint)server.LocalEndPoint!).Port, clockCheckS: 0);
        options.Dlt645!.InterFrameDelayMs = 400;
        options.Dlt645.FrozenDaily = false;
        options.Points = [new PointOptions { Point = "energy.active.import" }];
        await using var device = new DeviceFactory(TimeProvider.System, NullLoggerFactory.Instance).Create(options);
        var clock = System.Diagnostics.Stopwatch.StartNew(); // the first request goes at once: the line has not been used
        Assert.Equal(ReadingQuality.Good, Assert.Single(await device.PollAsync(CancellationToken.None)).Quality);
        Assert.Equal(ReadingQuality.Good, Assert.Single(await device.PollAsync(CancellationToken.None)).Quality);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"two reads took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>The real clock moved to a given local time of today (Asia/Shanghai), running on from there.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        private readonly TimeSpan _shift;

        public ShiftedTime(TimeSpan localTimeOfDay)
        {
            var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai);
            _shift = local.Date + localTimeOfDay - local.DateTime;
        }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
