using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Registry;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Cloud.Estimation;

/// <summary>
/// Which of the <c>cedge-cloud run</c> instances sharing one registry database estimates: the one holding the lease
/// <c>estimation</c> there (<see cref="RegistryStore.TryHoldLease"/>: one atomic UPDATE, free-or-expired-or-mine). The
/// holder renews it every time <see cref="TryHold"/> is called; when it dies the lease expires after
/// <see cref="EstimationOptions.LeaseSeconds"/> and the next instance to ask takes it. Not in memory: two instances
/// can never both hold it, whatever their clocks say within the lease time. A registry that cannot be reached counts
/// as not holding it (another instance may then hold it).
/// </summary>
internal sealed partial class EstimationLease(RegistryStore registry, EstimationOptions options, CloudMqttOptions mqtt, TimeProvider time,
    ILogger<EstimationLease> logger)
{
    /// <summary>The lease's name in the registry.</summary>
    public const string Name = "estimation";

    private bool _held;

    /// <summary>This instance's holder id: its MQTT client id, process id and a random part (a restarted instance is a new holder).</summary>
    public string Holder { get; } = $"{mqtt.ClientId}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Takes or renews the lease; true while this instance holds it. Changes are logged.</summary>
    public bool TryHold()
    {
        var now = time.GetUtcNow();
        bool held;
        try
        {
            held = registry.TryHoldLease(Name, Holder, now, now + TimeSpan.FromSeconds(options.LeaseSeconds));
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogRegistryFailed(logger, ex.Message);
            held = false;
        }
        if (held != _held)
        {
            if (held) LogTaken(logger, Holder, options.LeaseSeconds);
            else LogLost(logger, Holder);
            _held = held;
        }
        return held;
    }

    /// <summary>Gives the lease up when held (an orderly stop): another instance takes over at its next tick.</summary>
    public void Release()
    {
        if (!_held) return;
        try
        {
            registry.ReleaseLease(Name, Holder);
            _held = false;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogRegistryFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Estimation lease taken by {Holder} (renewed every second, expires {Seconds} s after the last renewal): this instance estimates")]
    static partial void LogTaken(ILogger logger, string holder, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Estimation lease lost by {Holder}: another instance estimates")]
    static partial void LogLost(ILogger logger, string holder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Estimation lease: registry not reachable, not estimating until it is: {Error}")]
    static partial void LogRegistryFailed(ILogger logger, string error);
}
