using CarbonEdge.Protocols.Dlt645;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Devices.Dlt645;

/// <summary>
/// A DL/T 645 meter the gateway polls: one read per point (the DI the catalogue maps the point to); after each local
/// midnight the meter's daily freeze (05060001 time, 05060101 forward active energy) as
/// <c>energy.active.import.frozen</c> with the meter's freeze time and <c>"tsSource":"device"</c>, and at the first poll
/// or after days without one the freezes before it (050600nn, 050601nn: DL/T 645-2007 Table A.6), so that a gateway
/// down over midnight loses no day boundary; every clock check
/// the drift as <c>clock.drift</c> and, within <see cref="Dlt645ClockPolicy"/>, a broadcast time sync. A failed read is
/// a bad reading with its reason; after three polls in a row without an answer the meter is backed off (5 s doubling
/// to 5 min) and tried again by itself.
/// </summary>
internal sealed partial class Dlt645Device : IDevice
{
    private const int OfflineAfter = 3;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly Dlt645Client _client;
    private readonly Dlt645Address _address;
    private readonly IReadOnlyList<(string Point, Dlt645DataIdentifier Identifier)> _points;
    private readonly int _frozenDays; // 0: no freezes read; else at most this many read back at once
    private readonly Dlt645ClockPolicy _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAsyncDisposable _lease;
    private DateOnly? _frozenDay, _lastSyncDay;
    private DateTimeOffset _nextClockCheck = DateTimeOffset.MinValue, _retryAt;
    private bool _syncPending;
    private int _failedPolls;
    private TimeSpan _backoff = FirstBackoff;

    public Dlt645Device(string id, TimeSpan interval, Dlt645Client client, Dlt645Address address, IReadOnlyList<(string, Dlt645DataIdentifier)> points,
        int frozenDays, Dlt645ClockPolicy clock, TimeProvider time, ILogger logger, IAsyncDisposable lease)
    {
        Id = id;
        Interval = interval;
        _client = client;
        _address = address;
        _points = points;
        _frozenDays = frozenDays;
        _clock = clock;
        _time = time;
        _logger = logger;
        _lease = lease;
    }

    public string Id { get; }

    public TimeSpan Interval { get; }

    /// <summary>Broadcast time syncs sent for this meter.</summary>
    public int TimeSyncs { get; private set; }

    /// <summary>The single-value identifier the catalogue maps <paramref name="point"/> to in <paramref name="version"/>, or null.</summary>
    public static Dlt645DataIdentifier? IdentifierOf(string point, Dlt645Version version) =>
        Dlt645Catalog.All.FirstOrDefault(i => i.Identifier.Version == version && !i.IsBlock && i.Points.Count == 1 && i.Points[0] == point)?.Identifier;

    public async ValueTask<IReadOnlyList<Reading>> PollAsync(CancellationToken cancellationToken)
    {
        var readings = new List<Reading>(_points.Count + 2);
        if (_failedPolls >= OfflineAfter && _time.GetUtcNow() < _retryAt)
        {
            foreach (var (point, _) in _points) readings.Add(Reading.Bad(Id, point, _time.GetUtcNow(), $"offline (next try {_retryAt:HH:mm:ss}Z)"));
            return readings;
        }
        bool answered = false;
        string? lastReason = null;
        foreach (var (point, identifier) in _points)
        {
            try
            {
                var reading = await _client.ReadAsync(_address, identifier, cancellationToken).ConfigureAwait(false);
                readings.Add(Reading.Good(Id, point, (double)reading.Values[0].Number, _time.GetUtcNow()));
                answered = true;
            }
            catch (Dlt645Exception ex)
            {
                answered |= ex is Dlt645DeviceException;
                lastReason = Reason(ex);
                readings.Add(Reading.Bad(Id, point, _time.GetUtcNow(), lastReason));
                if (BusDownReason.Is(lastReason))
                {
                    // the bus logs it, once; every point of this poll reads bad with the same reason
                    foreach (var (rest, _) in _points.Skip(readings.Count)) readings.Add(Reading.Bad(Id, rest, _time.GetUtcNow(), lastReason));
                    return readings; // and a down bus is not the meter's failure: no back-off
                }
                LogReadFailed(_logger, Id, identifier.ToString(), ex.Message);
                if (ex is Dlt645ConnectionException or Dlt645TimeoutException) break;
            }
        }
        if (lastReason is null || answered)
        {
            if (_frozenDays > 0) await ReadFrozenAsync(readings, cancellationToken).ConfigureAwait(false);
            await CheckClockAsync(readings, cancellationToken).ConfigureAwait(false);
        }
        UpdateHealth(answered || lastReason is null, lastReason);
        return readings;
    }

    /// <summary>
    /// After local midnight: the meter's last freeze, once it is of today (the meter froze at its midnight), preceded by
    /// the freezes of the days since the last one read (at the first poll: up to <c>frozenDays</c> in all), oldest
    /// first. A failed read leaves the day to the next poll; a freeze published twice has the same ts and value, which
    /// the cloud writes once (InfluxDB keeps one point per series and time).
    /// </summary>
    private async Task ReadFrozenAsync(List<Reading> readings, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(LocalNow());
        if (_frozenDay == today) return;
        try
        {
            var last = await ReadFreezeAsync(1, cancellationToken).ConfigureAwait(false);
            if (DateOnly.FromDateTime(last.Time) != today) return; // the meter has not frozen today yet (its clock is slow): next poll
            int back = Math.Min(_frozenDays, _frozenDay is { } read ? today.DayNumber - read.DayNumber : _frozenDays);
            var earlier = new List<(DateTime Time, decimal Kwh)>();
            for (int n = back; n >= 2; n--) earlier.Add(await ReadFreezeAsync(n, cancellationToken).ConfigureAwait(false));
            foreach (var (time, kwh) in earlier.Append(last))
            {
                var ts = new DateTimeOffset(time, _clock.Zone.GetUtcOffset(time));
                readings.Add(Reading.Good(Id, Points.EnergyActiveImportFrozen, (double)kwh, ts) with { TsSource = TimestampSource.Device });
            }
            _frozenDay = today;
        }
        catch (Dlt645Exception ex)
        {
            readings.Add(Reading.Bad(Id, Points.EnergyActiveImportFrozen, _time.GetUtcNow(), Reason(ex)));
            LogReadFailed(_logger, Id, "050600nn/050601nn", ex.Message);
        }
    }

    /// <summary>The n-th last freeze: its time (050600nn, the meter's local time) and forward active energy (050601nn), kWh.</summary>
    private async Task<(DateTime Time, decimal Kwh)> ReadFreezeAsync(int daysBack, CancellationToken cancellationToken)
    {
        var time = (await _client.ReadAsync(_address, Dlt645Catalog.DailyFreezeTimeOf(daysBack), cancellationToken).ConfigureAwait(false)).Values[0].Time;
        var energy = await _client.ReadAsync(_address, Dlt645Catalog.DailyFrozenForwardActiveEnergyOf(daysBack), cancellationToken).ConfigureAwait(false);
        return (time, energy.Values[0].Number);
    }

    /// <summary>Every clock check: drift = meter time − gateway time; a sync within the rules; a meter that did not follow is reported.</summary>
    private async Task CheckClockAsync(List<Reading> readings, CancellationToken cancellationToken)
    {
        if (_clock.CheckInterval <= TimeSpan.Zero || _time.GetUtcNow() < _nextClockCheck) return;
        try
        {
            var date = (await _client.ReadAsync(_address, Dlt645Catalog.Date, cancellationToken).ConfigureAwait(false)).Values[0].Time;
            var gatewayLocal = LocalNow();
            var time = (await _client.ReadAsync(_address, Dlt645Catalog.Time, cancellationToken).ConfigureAwait(false)).Values[0].Time;
            var meter = date.Date + time.TimeOfDay;
            if (meter < gatewayLocal.AddHours(-12)) meter = meter.AddDays(1); // the date was read just before the meter's midnight
            var drift = meter - gatewayLocal;
            _nextClockCheck = _time.GetUtcNow() + _clock.CheckInterval;
            bool notFollowed = _syncPending && drift.Duration() > _clock.SyncThreshold;
            _syncPending = false;
            var reading = Reading.Good(Id, Points.ClockDrift, Math.Round(drift.TotalSeconds, 1), _time.GetUtcNow());
            if (notFollowed)
            {
                LogSyncNotFollowed(_logger, Id, drift.TotalSeconds);
                reading = reading with { Quality = ReadingQuality.Uncertain, Reason = "meter did not follow the broadcast time sync" };
            }
            readings.Add(reading);
            if (_clock.MaySync(drift, gatewayLocal, _lastSyncDay))
            {
                await _client.SendTimeSyncAsync(LocalNow(), cancellationToken).ConfigureAwait(false);
                _lastSyncDay = DateOnly.FromDateTime(gatewayLocal);
                _syncPending = true;
                _nextClockCheck = _time.GetUtcNow(); // read it back on the next poll
                TimeSyncs++;
                LogTimeSync(_logger, Id, drift.TotalSeconds);
            }
            else if (drift.Duration() > Dlt645ClockPolicy.MaxCorrection)
            {
                LogDriftTooLarge(_logger, Id, drift.TotalSeconds);
            }
        }
        catch (Dlt645Exception ex)
        {
            readings.Add(Reading.Bad(Id, Points.ClockDrift, _time.GetUtcNow(), Reason(ex)));
            LogReadFailed(_logger, Id, "04000101/04000102", ex.Message);
        }
    }

    private DateTime LocalNow() => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _clock.Zone).DateTime;

    private void UpdateHealth(bool answered, string? reason)
    {
        if (answered)
        {
            if (_failedPolls >= OfflineAfter) LogBackOnline(_logger, Id);
            _failedPolls = 0;
            _backoff = FirstBackoff;
            return;
        }
        if (++_failedPolls < OfflineAfter) return;
        _retryAt = _time.GetUtcNow() + _backoff;
        LogOffline(_logger, Id, _failedPolls, reason ?? "no answer", _backoff.TotalSeconds);
        _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
    }

    private static string Reason(Dlt645Exception error) => error switch
    {
        Dlt645DeviceException device => $"error word {Dlt645DeviceException.Describe(device.ErrorWord, device.Version)}",
        Dlt645TimeoutException => "timeout",
        Dlt645ConnectionException when BusDownReason.Of(error) is { } busDown => busDown,
        Dlt645ProtocolException protocol => $"garbled reply ({protocol.Error})",
        _ => $"connection: {error.Message}",
    };

    public ValueTask DisposeAsync() => _lease.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: read of {Identifier} failed: {Error}")]
    private static partial void LogReadFailed(ILogger logger, string deviceId, string identifier, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId}: clock {DriftSeconds} s off; broadcast time sync sent")]
    private static partial void LogTimeSync(ILogger logger, string deviceId, double driftSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: clock still {DriftSeconds} s off after a broadcast time sync: the meter did not follow")]
    private static partial void LogSyncNotFollowed(ILogger logger, string deviceId, double driftSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: clock {DriftSeconds} s off, more than a broadcast time sync may correct; set it by hand")]
    private static partial void LogDriftTooLarge(ILogger logger, string deviceId, double driftSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} offline after {Failures} failed polls ({Reason}); next try in {BackoffSeconds} s")]
    private static partial void LogOffline(ILogger logger, string deviceId, int failures, string reason, double backoffSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} answers again")]
    private static partial void LogBackOnline(ILogger logger, string deviceId);
}
