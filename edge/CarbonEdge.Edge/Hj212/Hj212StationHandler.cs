using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Uplink;
using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Protocols.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CarbonEdge.Edge.Hj212;

/// <summary>
/// The gateway's answer to what its stations send: checks MN and PW, answers as HJ 212-2017 asks, turns 2011, 2051
/// and 2061 data into readings stored in the gateway's buffer (the sink polling uses), sets the unit's clock when it
/// asks (1013) or drifts, and hands every received byte to the relay.
/// </summary>
/// <remarks>
/// HJ 212-2017 §6.6 and Appendix C: data sent with Flag bit A gets a 9014 data reply; a packet with a bad CRC is not
/// answered (the unit times out and sends again); a request with a wrong PW or MN, or an unknown CN, gets a 9011
/// request reply with QnRtn 3, 4 or 8 when it asked for an answer; 1013 (time calibration request) gets a 1012
/// set-time. Minute and hour data keep the unit's DataTime (<c>tsSource: device</c>); real-time data is stamped
/// with the gateway's clock, and its DataTime only measures the unit's clock drift.
/// </remarks>
internal sealed partial class Hj212StationHandler(
    Hj212InputOptions options,
    ReadingBuffer buffer,
    UplinkSignal uplink,
    GatewayStats gatewayStats,
    Hj212LinkStats stats,
    RelayQueueSlot relay,
    TimeProvider time,
    ILogger<Hj212StationHandler> logger) : IHj212LinkHandler
{
    private static readonly TimeSpan SetTimeAtMostEvery = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, Hj212StationOptions> _stations = options.Stations.ToDictionary(s => s.Mn, StringComparer.Ordinal);
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _lastSetTime = new();

    public ValueTask<IReadOnlyList<Hj212Packet>> ReceivedAsync(Hj212Received received, CancellationToken cancellationToken)
    {
        relay.Queue?.Enqueue(received.Raw);
        return ValueTask.FromResult(Handle(received));
    }

    private IReadOnlyList<Hj212Packet> Handle(Hj212Received received)
    {
        if (received.Packet is not { } packet) return Reject("?", received.Rejection!, received.Detail, received.Remote);
        if (!_stations.TryGetValue(packet.Mn, out var station))
        {
            Reject("?", "unknown_mn", $"MN {packet.Mn} is not a configured station", received.Remote);
            return packet.AnswerRequired ? [Hj212Replies.RequestReply(packet, Hj212RequestResult.WrongMn)] : [];
        }
        if (packet.Pw != station.Pw)
        {
            Reject(station.Mn, "bad_pw", "PW does not match the station's", received.Remote);
            return packet.AnswerRequired ? [Hj212Replies.RequestReply(packet, Hj212RequestResult.WrongPassword)] : [];
        }
        var now = time.GetUtcNow();
        switch (packet.Cn)
        {
            case Hj212CommandCode.RealTimeData or Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData:
                if (received.Whole is { } whole && !Store(station, whole, now))
                {
                    return [];
                }
                stats.Accepted(station.Mn);
                var replies = new List<Hj212Packet>(2);
                if (packet.AnswerRequired) replies.Add(Hj212Replies.DataReply(packet));
                if (received.Whole?.Cn == Hj212CommandCode.RealTimeData && DriftTooLarge(station, received.Whole, now) && ShouldSetTime(station, now))
                {
                    replies.Add(SetTime(station, packet, now));
                }
                return replies;
            case Hj212CommandCode.TimeCalibrationRequest:
                stats.Accepted(station.Mn);
                _lastSetTime[station.Mn] = now;
                return [SetTime(station, packet, now)];
            case Hj212CommandCode.RequestReply or Hj212CommandCode.ExecutionResult or Hj212CommandCode.NotificationReply or Hj212CommandCode.DataReply:
                stats.Accepted(station.Mn);
                LogUnitReply(logger, station.Mn, (int)packet.Cn, packet.Cp);
                return [];
            default:
                Reject(station.Mn, "unknown_cn", $"CN {(int)packet.Cn} is not handled", received.Remote);
                return packet.AnswerRequired ? [Hj212Replies.RequestReply(packet, Hj212RequestResult.WrongCn)] : [];
        }
    }

    /// <summary>Stores the readings of a data packet; false (counted, logged) when its CP does not parse or lacks its DataTime.</summary>
    private bool Store(Hj212StationOptions station, Hj212Packet packet, DateTimeOffset now)
    {
        if (!Hj212Cp.TryParse(packet.Cp, out var cp, out var problem) || cp!.DataTime is null)
        {
            Reject(station.Mn, "garbled_cp", problem ?? "no DataTime", "");
            return false;
        }
        var (device, field, ts, source) = packet.Cn switch
        {
            Hj212CommandCode.RealTimeData => (station.RealTimeDevice, "Rtd", now, (TimestampSource?)null),
            Hj212CommandCode.MinuteData => (station.Device, "Avg", Local(cp.DataTime.Value), TimestampSource.Device),
            Hj212CommandCode.HourData => (station.HourDevice, "Avg", Local(cp.DataTime.Value), TimestampSource.Device),
            _ => ((string?)null, "Avg", now, null),
        };
        if (device is null) return true;
        var unmapped = new List<string>();
        var readings = Hj212Readings.From(cp, device, field, ts, source, unmapped);
        if (unmapped.Count > 0)
        {
            stats.Rejected(station.Mn, "unknown_code");
            LogUnmapped(logger, station.Mn, string.Join(", ", unmapped));
        }
        if (readings.Count == 0) return true;
        try
        {
            buffer.Add(readings);
        }
        catch (SqliteException ex)
        {
            gatewayStats.Lost(device, readings.Count);
            LogBufferWriteFailed(logger, readings.Count, station.Mn, buffer.Path, ex.Message);
            return true;
        }
        gatewayStats.Polled(device, readings.Count, readings.Count(r => r.Quality == ReadingQuality.Bad));
        uplink.ReadingsAdded(readings.Count);
        return true;
    }

    private bool DriftTooLarge(Hj212StationOptions station, Hj212Packet realTime, DateTimeOffset now)
    {
        if (!Hj212Cp.TryParse(realTime.Cp, out var cp, out _) || cp!.DataTime is not { } dataTime) return false;
        var drift = Local(dataTime) - now;
        if (Math.Abs(drift.TotalSeconds) <= options.ClockDriftSeconds) return false;
        LogClockDrift(logger, station.Mn, drift.TotalSeconds);
        return true;
    }

    private bool ShouldSetTime(Hj212StationOptions station, DateTimeOffset now)
    {
        if (_lastSetTime.TryGetValue(station.Mn, out var last) && now - last < SetTimeAtMostEvery) return false;
        _lastSetTime[station.Mn] = now;
        return true;
    }

    private Hj212Packet SetTime(Hj212StationOptions station, Hj212Packet from, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        return Hj212Replies.SetTime(Hj212Time.FormatQn(local), from.St, station.Pw, station.Mn, local);
    }

    private DateTimeOffset Local(DateTime stationTime) => new(stationTime, _zone.GetUtcOffset(stationTime));

    private IReadOnlyList<Hj212Packet> Reject(string station, string reason, string? detail, string remote)
    {
        stats.Rejected(station, reason);
        LogRejected(logger, station, remote, reason, detail ?? "");
        return [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HJ 212 packet from station {Station} ({Remote}) rejected: {Reason}: {Detail}")]
    static partial void LogRejected(ILogger logger, string station, string remote, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Station {Mn} sent codes without a CarbonEdge point (counted as unknown_code): {Codes}")]
    static partial void LogUnmapped(ILogger logger, string mn, string codes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Station {Mn} answered CN {Cn}: {Cp}")]
    static partial void LogUnitReply(ILogger logger, string mn, int cn, string cp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Station {Mn} clock is {DriftSeconds:0} s off the gateway's: sending 1012 set-time")]
    static partial void LogClockDrift(ILogger logger, string mn, double driftSeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not store {Count} readings of station {Mn} in {Path}: {Reason}. Check the disk (space, permissions).")]
    static partial void LogBufferWriteFailed(ILogger logger, int count, string mn, string path, string reason);
}
