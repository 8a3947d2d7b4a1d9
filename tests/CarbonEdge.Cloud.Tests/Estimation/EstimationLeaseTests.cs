using CarbonEdge.Cloud.Estimation;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Cloud.Tests.Estimation;

/// <summary>
/// The estimation lease between instances sharing one registry file (each with its own connection, as two processes
/// have): one holder at a time, renewed by it, taken over only after it expired or was released; late spans handed over.
/// </summary>
public sealed class EstimationLeaseTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);
    private readonly RunFolder _folder = RunFolder.Create("lease");
    private readonly SteppedTime _time = new(Start);
    private readonly RegistryStore _registryA, _registryB;
    private readonly EstimationLease _a, _b;

    public EstimationLeaseTests()
    {
        _registryA = RegistryStore.Open(_folder.File("registry.db"));
        _registryB = RegistryStore.Open(_folder.File("registry.db"));
        var options = new EstimationOptions { LeaseSeconds = 10 };
        _a = new EstimationLease(_registryA, options, new CloudMqttOptions { ClientId = "cloud-a" }, _time, NullLogger<EstimationLease>.Instance);
        _b = new EstimationLease(_registryB, options, new CloudMqttOptions { ClientId = "cloud-b" }, _time, NullLogger<EstimationLease>.Instance);
    }

    public void Dispose()
    {
        _registryA.Dispose();
        _registryB.Dispose();
    }

    [Fact]
    public void One_instance_holds_the_lease_and_keeps_it_while_it_renews()
    {
        Assert.True(_a.TryHold());
        Assert.False(_b.TryHold());
        for (int second = 0; second < 60; second++)  // renewed every second for a minute, far past the 10 s lease
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(_a.TryHold());
            Assert.False(_b.TryHold());
        }
        Assert.Equal(_a.Holder, _registryB.LeaseHolder(EstimationLease.Name)?.Holder);
    }

    [Fact]
    public void When_the_holder_stops_renewing_the_other_takes_over_after_the_expiry_and_the_first_does_not_get_it_back()
    {
        Assert.True(_a.TryHold());
        _time.Advance(TimeSpan.FromSeconds(9.9));        // a died: no more renewals
        Assert.False(_b.TryHold());
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(_b.TryHold());
        Assert.False(_a.TryHold());                       // a comes back (a pause, not a death): b holds it now
        Assert.Equal(_b.Holder, _registryA.LeaseHolder(EstimationLease.Name)?.Holder);
    }

    [Fact]
    public void A_released_lease_is_taken_at_once()
    {
        Assert.True(_a.TryHold());
        _a.Release();
        Assert.True(_b.TryHold());
    }

    [Fact]
    public void Late_spans_handed_over_are_merged_per_device_and_taken_once()
    {
        var t = Start.AddDays(-2);
        _registryB.HandOverLateSpans([new LateSpan("s", "m-1", t, t.AddHours(1)), new LateSpan("s", "m-2", t, t)]);
        _registryB.HandOverLateSpans([new LateSpan("s", "m-1", t.AddHours(-3), t.AddMinutes(5))]);

        var spans = _registryA.TakeLateSpans().OrderBy(s => s.Device).ToList();

        Assert.Equal([new LateSpan("s", "m-1", t.AddHours(-3), t.AddHours(1)), new LateSpan("s", "m-2", t, t)], spans);
        Assert.Empty(_registryA.TakeLateSpans());
    }

    private sealed class SteppedTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan step) => _now += step;
    }
}
