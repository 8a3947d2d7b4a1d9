using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Devices;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Polling;

/// <summary>
/// Polls every device on its own interval (one loop per device; devices sharing a serial bus are serialised by the bus)
/// and stores each poll's readings in the buffer before anything else happens to them. A missed interval is skipped,
/// not caught up. <see cref="PollNow"/> polls every device at once (the <c>read-now</c> command). A failing device
/// yields bad readings and never stops its loop or the others.
/// </summary>
internal sealed partial class PollingService(
    DeviceSet deviceSet,
    ReadingBuffer buffer,
    UplinkSignal uplink,
    GatewayStats stats,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    private readonly AsyncTrigger[] _pollNow = deviceSet.All.Select(_ => new AsyncTrigger()).ToArray();

    /// <summary>The devices polled.</summary>
    public IReadOnlyList<IDevice> Devices => deviceSet.All;

    /// <summary>Polls every device now, out of schedule.</summary>
    public void PollNow()
    {
        foreach (var trigger in _pollNow) trigger.Set();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(deviceSet.All.Select((device, i) => PollLoopAsync(device, _pollNow[i], stoppingToken)));

    private async Task PollLoopAsync(IDevice device, AsyncTrigger pollNow, CancellationToken stoppingToken)
    {
        var next = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(device, stoppingToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                next += device.Interval;
                if (next <= now) next = now + device.Interval; // overran: skip the missed intervals
                await pollNow.WaitAsync(next - now, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PollOnceAsync(IDevice device, CancellationToken cancellationToken)
    {
        IReadOnlyList<Reading> readings;
        try
        {
            readings = await device.PollAsync(cancellationToken).ConfigureAwait(false);
            // the read may have completed on the receive thread every Modbus TCP device shares: store on the pool
            await Task.Yield();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            stats.PollFaulted(device.Id);
            LogDriverFault(logger, device.Id, ex);
            return;
        }
        try
        {
            buffer.Add(readings);
        }
        catch (SqliteException ex)
        {
            stats.Lost(device.Id, readings.Count);
            LogBufferWriteFailed(logger, readings.Count, device.Id, buffer.Path, ex.Message);
            return;
        }
        stats.Polled(device.Id, readings.Count, readings.Count(r => r.Quality == ReadingQuality.Bad));
        uplink.ReadingsAdded(readings.Count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Driver of {DeviceId} failed unexpectedly; its loop goes on")]
    static partial void LogDriverFault(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not store {Count} readings of {DeviceId} in {Path}: {Reason}. Check the disk (space, permissions).")]
    static partial void LogBufferWriteFailed(ILogger logger, int count, string deviceId, string path, string reason);
}
