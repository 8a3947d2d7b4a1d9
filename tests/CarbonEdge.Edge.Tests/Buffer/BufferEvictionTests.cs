using CarbonEdge.Edge.Buffer;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Edge.Tests.Buffer;

/// <summary>
/// The buffer's size limit (<see cref="BufferLimits"/>): instantaneous readings go first, oldest first; energy registers
/// are thinned to one per device, point and interval; frozen values stay; the counts by kind equal what is missing.
/// Live readings are sealed before the backlog, which goes at its budget.
/// </summary>
public sealed class BufferEvictionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private readonly RunFolder _folder = RunFolder.Create("buffer-eviction");
    private readonly List<ReadingBuffer> _open = [];
    private int _files;

    private ReadingBuffer Open(long maxReadings, string? path = null)
    {
        var buffer = ReadingBuffer.Open(path ?? _folder.File($"buffer-{++_files}.db"), new BufferLimits { MaxReadings = maxReadings, KeepEnergyEveryMinutes = 15 });
        _open.Add(buffer);
        return buffer;
    }

    public void Dispose()
    {
        foreach (var buffer in _open) buffer.Dispose();
    }

    /// <summary>Everything still unsealed, sealed now and decoded.</summary>
    private static List<Reading> Drain(ReadingBuffer buffer) =>
        [.. buffer.Seal("plant-01", "gw-01", 10_000, T0, maxBatches: 1_000).SelectMany(b =>
            TelemetryCodec.TryDeserialize(b.Payload, out TelemetryBatch? batch, out string? error) ? batch.Readings : throw new InvalidOperationException(error))];

    [Fact]
    public void Full_EvictsInstantaneousOldestFirst_InTheAddThatOverflowed_AndKeepsEnergy()
    {
        var buffer = Open(maxReadings: 100);
        var energy = Enumerable.Range(0, 40).Select(i => Reading.Good("m-1", Points.EnergyActiveImport, 1000 + i, T0.AddMinutes(i))).ToList();
        var power = Enumerable.Range(0, 60).Select(i => Reading.Good("m-1", "power.active", i, T0.AddMinutes(i))).ToList();
        Assert.Empty(buffer.Add([.. energy, .. power]));
        var evicted = buffer.Add([Reading.Good("m-1", "power.active", 60, T0.AddMinutes(60))]); // 101 > 100: down to 90

        Assert.Equal(11, evicted[ReadingKind.Instantaneous]);
        Assert.False(evicted.ContainsKey(ReadingKind.Energy));
        Assert.Equal(90, buffer.Unsealed);
        Assert.Equal(11, buffer.Summary().Evicted[ReadingKind.Instantaneous]);
        var left = Drain(buffer);
        Assert.Equal(energy.Select(r => r.Ts), left.Where(r => r.Point == Points.EnergyActiveImport).Select(r => r.Ts));
        Assert.Equal(Enumerable.Range(11, 50).Select(i => (double)i), left.Where(r => r.Point == "power.active").Select(r => r.Value!.Value));
    }

    [Fact]
    public void Full_OfEnergyOnly_ThinsToOnePerDevicePointAndInterval_KeepsFrozen_AndCountsSurviveReopening()
    {
        string path = _folder.File("reopen.db");
        var buffer = Open(maxReadings: 100, path);
        // two meters, a reading a minute for 60 minutes, and each meter's frozen value
        var readings = Enumerable.Range(0, 60).SelectMany(i => new[]
        {
            Reading.Good("m-1", Points.EnergyActiveImport, 1000 + i, T0.AddMinutes(i)),
            Reading.Good("m-2", Points.EnergyActiveImport, 2000 + i, T0.AddMinutes(i)),
        }).Append(Reading.Good("m-1", Points.EnergyActiveImportFrozen, 999, T0) with { TsSource = TimestampSource.Device }).ToList();
        var evicted = buffer.Add(readings);

        Assert.Equal(121 - 90, evicted[ReadingKind.Energy]);
        buffer.Dispose();
        var again = Open(maxReadings: 100, path);
        Assert.Equal(31, again.Summary().Evicted[ReadingKind.Energy]);
        var left = Drain(again);
        Assert.Single(left, r => r.Point == Points.EnergyActiveImportFrozen);
        foreach (string device in new[] { "m-1", "m-2" })
        {
            var kept = left.Where(r => r.Device == device && r.Point == Points.EnergyActiveImport).Select(r => r.Ts).ToList();
            Assert.All(Enumerable.Range(0, 4), quarter => Assert.Contains(kept, ts => (int)(ts - T0).TotalMinutes / 15 == quarter));
        }
    }

    private static readonly string[] PointsUsed = [Points.EnergyActiveImport, Points.EnergyReactiveImport, Points.EnergyActiveImportFrozen, "power.active", "voltage.a"];

    /// <summary>Random readings in random chunks into a small buffer: every frozen value and one energy reading per device,
    /// point and 15 minutes survive; what is missing, by kind, is exactly what the counters say.</summary>
    [Fact]
    public void Property_EvictionKeepsWhatEstimationNeeds_AndCountsWhatIsMissing()
    {
        var reading = from device in Gen.Elements("m-1", "m-2", "m-3")
                      from point in Gen.Elements(PointsUsed)
                      from minute in Gen.Choose(0, 24 * 60)
                      select point == Points.EnergyActiveImportFrozen
                          ? Reading.Good(device, point, minute, T0.AddMinutes(minute)) with { TsSource = TimestampSource.Device }
                          : Reading.Good(device, point, minute, T0.AddMinutes(minute));
        var chunks = Gen.Choose(1, 80).SelectMany(n => Gen.ListOf(reading, n).Select(c => c.ToList())).ListOf().Select(c => c.ToList());
        Prop.ForAll(chunks.ToArbitrary(), (List<List<Reading>> input) =>
        {
            var buffer = Open(maxReadings: 100);
            foreach (var chunk in input) buffer.Add(chunk);
            var all = input.SelectMany(c => c).ToList();
            var left = Drain(buffer);
            var evicted = buffer.Summary().Evicted;
            foreach (var kind in new[] { ReadingKind.Instantaneous, ReadingKind.Energy })
            {
                Assert.Equal(all.Count(r => ReadingKinds.Of(r.Point) == kind) - left.Count(r => ReadingKinds.Of(r.Point) == kind), evicted[kind]);
            }
            Assert.Equal(all.Count(r => ReadingKinds.Of(r.Point) == ReadingKind.Frozen), left.Count(r => ReadingKinds.Of(r.Point) == ReadingKind.Frozen));
            var intervals = all.Where(r => ReadingKinds.Of(r.Point) == ReadingKind.Energy).Select(r => (r.Device, r.Point, Quarter(r.Ts))).ToHashSet();
            Assert.Equal(intervals, left.Where(r => ReadingKinds.Of(r.Point) == ReadingKind.Energy).Select(r => (r.Device, r.Point, Quarter(r.Ts))).ToHashSet());
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    private static long Quarter(DateTimeOffset ts) => ts.ToUnixTimeMilliseconds() / (15 * 60_000);

    [Fact]
    public void Seal_PutsLiveReadingsFirst_AndTheBacklogAtItsBudget()
    {
        var buffer = Open(maxReadings: 10_000);
        buffer.Add(Enumerable.Range(0, 100).Select(i => Reading.Good("m-1", "power.active", i, T0.AddSeconds(i))).ToList());
        long boundary = buffer.LastReadingId();
        buffer.Add(Enumerable.Range(1000, 10).Select(i => Reading.Good("m-1", "power.active", i, T0.AddSeconds(i))).ToList());

        var first = buffer.Seal("plant-01", "gw-01", 500, T0, 32, boundary, backlogBudget: 20, out int backlogSealed);
        Assert.Equal(20, backlogSealed);
        TelemetryCodec.TryDeserialize(Assert.Single(first).Payload, out TelemetryBatch? batch, out _);
        Assert.Equal([.. Enumerable.Range(1000, 10), .. Enumerable.Range(0, 20)], batch!.Readings.Select(r => (int)r.Value!.Value));
        Assert.Empty(buffer.Seal("plant-01", "gw-01", 500, T0, 32, boundary, backlogBudget: 0, out _));
        Assert.Equal(80, buffer.Unsealed);
        var rest = buffer.Seal("plant-01", "gw-01", 500, T0, 32, boundary, backlogBudget: 1_000, out backlogSealed);
        Assert.Equal((80, 2L), (backlogSealed, Assert.Single(rest).Seq));
        Assert.Equal(0, buffer.Unsealed);
    }
}
