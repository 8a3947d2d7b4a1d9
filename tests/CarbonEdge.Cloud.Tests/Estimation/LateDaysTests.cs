using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry;
using EnterpriseInfo = CarbonEdge.Cloud.Registry.EnterpriseInfo;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>Which readings count as late (<see cref="LateDays"/>) and which days they re-run (<see cref="LateDayResolver"/>, on a real influxd).</summary>
public sealed class LateDaysTests
{
    private static readonly DateTimeOffset TodayStart = new(2026, 11, 21, 16, 0, 0, TimeSpan.Zero); // 22 November 00:00 Asia/Shanghai
    private static readonly DateTimeOffset Now = TodayStart.AddHours(10);

    private static RegistrySeed TwoMeters() => new RegistrySeed
    {
        Enterprises = [new EnterpriseInfo("ent-1", "Demo Steel", "320583", "3130")],
        Sites = [new SiteInfo("s", "ent-1", "Mill")],
        Devices = [new DeviceInfo("s", "m-1", "meter", "Incomer", 1, null, 900), new DeviceInfo("s", "m-2", "meter", "Line 2", 1, null, 900)],
    };

    [Fact]
    public void The_first_reading_of_a_device_today_and_readings_out_of_time_order_are_kept_the_rest_not()
    {
        var late = new LateDays();
        late.Note("s", "m-1", TodayStart.AddMinutes(-15), TodayStart, Now);  // first seen (after a restart): kept
        late.Note("s", "m-1", TodayStart.AddMinutes(0), TodayStart, Now);    // first of today: kept
        late.Note("s", "m-1", TodayStart.AddMinutes(15), TodayStart, Now);   // in order, same day: not
        late.Note("s", "m-2", TodayStart.AddHours(5), TodayStart, Now);      // first seen: kept
        late.Note("s", "m-2", TodayStart.AddHours(6), TodayStart, Now);      // in order: not
        late.Note("s", "m-2", TodayStart.AddHours(-30), TodayStart, Now);    // backfill of a past day: kept

        var spans = late.TakeDue(Now.AddSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)).OrderBy(s => s.Device).ToList();

        Assert.Equal(
            [new LateSpan("s", "m-1", TodayStart.AddMinutes(-15), TodayStart), new LateSpan("s", "m-2", TodayStart.AddHours(-30), TodayStart.AddHours(5))],
            spans);
        Assert.Equal(0, late.Count);
    }

    [Fact]
    public void Spans_are_due_after_a_quiet_period_or_after_waiting_too_long()
    {
        var late = new LateDays();
        var quiet = TimeSpan.FromSeconds(5);
        var maxWait = TimeSpan.FromSeconds(60);
        for (int s = 0; s < 70; s += 2)
        {
            late.Note("s", "m-1", TodayStart.AddHours(-100 + s), TodayStart, Now.AddSeconds(s)); // a steady trickle of backfill
            Assert.Equal(s >= 60, late.TakeDue(Now.AddSeconds(s + 1), quiet, maxWait).Count > 0);
            if (s >= 60) break;
        }
        late.Note("s", "m-1", TodayStart.AddHours(-40), TodayStart, Now.AddSeconds(100));
        Assert.Empty(late.TakeDue(Now.AddSeconds(104), quiet, maxWait));
        var span = Assert.Single(late.TakeDue(Now.AddSeconds(105), quiet, maxWait));
        late.Restore([span], Now.AddSeconds(106));
        Assert.Equal(span, Assert.Single(late.TakeDue(Now.AddSeconds(111), quiet, maxWait)));
    }

    [Fact]
    public async Task A_late_reading_re_runs_every_day_between_its_stored_neighbours_not_only_its_own()
    {
        await using var rig = await EstimationRig.StartAsync("late-days", TwoMeters(), Now);
        // m-1: read every 15 minutes until 12:00 on 18 November, then nothing until 12:00 on 21 November (a gateway outage)
        var nov17 = TodayStart.AddDays(-5);
        await rig.WriteRegisterAsync("s", "m-1", nov17, 36 * 60, 1000, 1, stepMinutes: 15);
        await rig.WriteRegisterAsync("s", "m-1", TodayStart.AddHours(-12), 12 * 60, 9000, 1, stepMinutes: 15);
        // m-2: read every 15 minutes all along
        await rig.WriteRegisterAsync("s", "m-2", nov17, 5 * 24 * 60 + 600, 1000, 1, stepMinutes: 15);
        // late readings arrive (and are stored, as ingestion stores them before noting them): m-1 at 10:00 on the 19th
        // out of its outage, m-2 at 10:05 on the 17th between readings 15 minutes apart
        var m1Late = TodayStart.AddDays(-3).AddHours(10);
        var m2Late = nov17.AddHours(10).AddMinutes(5);
        await rig.WriteAsync("s", "gw-history", [Reading.Good("m-1", Points.EnergyActiveImport, 5000, m1Late), Reading.Good("m-2", Points.EnergyActiveImport, 1605, m2Late)]);

        var m1Days = await rig.Resolver.AffectedDaysAsync([new LateSpan("s", "m-1", m1Late, m1Late)], new DateOnly(2026, 11, 22), default);
        var m2Days = await rig.Resolver.AffectedDaysAsync([new LateSpan("s", "m-2", m2Late, m2Late)], new DateOnly(2026, 11, 22), default);

        // m-1's neighbours: 12:00 on the 18th and 12:00 on the 21st: the split of that whole increment changes
        Assert.Equal([new DateOnly(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), new(2026, 11, 21)], m1Days);
        // m-2's neighbours 10:00 and 10:15 on the 17th: that day only
        Assert.Equal([new DateOnly(2026, 11, 17)], m2Days);
    }

    [Fact]
    public async Task Readings_of_today_affect_no_past_day_unless_they_follow_a_gap_from_yesterday()
    {
        await using var rig = await EstimationRig.StartAsync("late-today", TwoMeters(), Now);
        // m-1 read all along since yesterday 20:00; m-2 silent from yesterday 20:00 until 09:00 today
        await rig.WriteRegisterAsync("s", "m-1", TodayStart.AddHours(-4), 14 * 60, 1000, 1, stepMinutes: 15);
        await rig.WriteRegisterAsync("s", "m-2", TodayStart.AddHours(-4), 14 * 60, 1000, 1, stepMinutes: 15, keep: m => m == 0 || m >= 13 * 60);
        var today = new DateOnly(2026, 11, 22);

        Assert.Empty(await rig.Resolver.AffectedDaysAsync([new LateSpan("s", "m-1", TodayStart.AddHours(9), TodayStart.AddHours(9))], today, default));
        Assert.Equal([new DateOnly(2026, 11, 21)],
            await rig.Resolver.AffectedDaysAsync([new LateSpan("s", "m-2", TodayStart.AddHours(9), TodayStart.AddHours(9))], today, default));
    }
}
