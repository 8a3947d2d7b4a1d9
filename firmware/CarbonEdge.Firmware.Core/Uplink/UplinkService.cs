using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Json;
using CarbonEdge.Firmware.Core.Storage;

namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>
    /// The uplink's decisions: connect with a persistent session and an <c>offline</c> Last Will, publish the retained
    /// <c>online</c> status, send the buffer in batches at QoS 1 (energy registers first), and mark a batch sent only
    /// when the broker acknowledged it, so a crash or a refused publish sends it again with the same seq.
    /// A broker that refuses or does not answer is retried with a backoff of 1 s doubling to 60 s.
    /// </summary>
    /// <remarks>Topics and payloads: telemetry contract v1, docs/telemetry.md.</remarks>
    public sealed class UplinkService
    {
        private const int MaxReadingBytes = 320;
        private const long MaxBackoff = 60_000;

        private readonly TerminalConfig _config;
        private readonly ReadingStore _store;
        private readonly IUplink _uplink;
        private readonly TerminalCounters _counters;
        private readonly TelemetryJson _json;
        private readonly string _version;
        private readonly string _telemetryTopic;
        private readonly string _statusTopic;
        private readonly string _replyTopic;
        private readonly string _commandFilter;
        private readonly ByteWriter _batch;
        private readonly ByteWriter _status = new ByteWriter(new byte[1024]);
        private readonly ByteWriter _will = new ByteWriter(new byte[1024]);
        private readonly byte[] _record = new byte[RecordLayout.Size];
        private long _retryAt;
        private long _backoff = 1000;
        private long _since;
        private bool _wasConnected;

        /// <summary>The uplink of the terminal configured by <paramref name="config"/>.</summary>
        public UplinkService(TerminalConfig config, ReadingStore store, IUplink uplink, TerminalCounters counters, string version)
        {
            _config = config;
            _store = store;
            _uplink = uplink;
            _counters = counters;
            _version = version;
            _json = new TelemetryJson(config);
            string prefix = "carbonedge/v1/" + config.Site + "/" + config.Terminal + "/";
            _telemetryTopic = prefix + "telemetry";
            _statusTopic = prefix + "status";
            _replyTopic = prefix + "reply";
            _commandFilter = prefix + "cmd/+";
            _batch = new ByteWriter(new byte[512 + config.BatchReadings * MaxReadingBytes]);
        }

        /// <summary>True while connected.</summary>
        public bool IsConnected => _uplink.IsConnected;

        /// <summary>
        /// One turn at <paramref name="now"/>: (re)connects when due, then publishes one batch. True when a batch was
        /// acknowledged (more may be waiting), false when there is nothing to do until later.
        /// </summary>
        public bool Service(long now)
        {
            if (!_uplink.IsConnected)
            {
                if (_wasConnected)
                {
                    _wasConnected = false;
                    _retryAt = now;
                }
                if (now < _retryAt || !Connect(now))
                    return false;
            }
            return now >= _retryAt && PublishBatch(now);
        }

        /// <summary>Publishes the retained status (online while connected). False when not connected or not acknowledged.</summary>
        public bool PublishStatus(long now, bool online)
        {
            if (!_uplink.IsConnected)
                return false;
            _json.Status(_status, online, online ? _since : now, _version, _counters);
            return Acknowledged(_statusTopic, _status, true, now);
        }

        /// <summary>Publishes a command reply (see <see cref="TelemetryJson.Reply"/>).</summary>
        public bool PublishReply(long now, byte[] correlationId, int correlationLength, string error)
        {
            if (!_uplink.IsConnected)
                return false;
            _json.Reply(_status, correlationId, correlationLength, error, _counters);
            return Acknowledged(_replyTopic, _status, false, now);
        }

        /// <summary>Publishes the retained offline status and closes the session (a clean shutdown).</summary>
        public void Shutdown(long now)
        {
            PublishStatus(now, false);
            if (_uplink.IsConnected)
                _uplink.Disconnect();
        }

        private bool Connect(long now)
        {
            _json.Status(_will, false, now, _version, _counters);
            if (!_uplink.Connect(_config.Terminal, _statusTopic, _will.Buffer, _will.Position, _commandFilter))
            {
                _counters.ConnectFailures++;
                Backoff(now);
                return false;
            }
            _backoff = 1000;
            _retryAt = now;
            _since = now;
            _wasConnected = true;
            PublishStatus(now, true);
            return true;
        }

        private bool PublishBatch(long now)
        {
            for (int ring = 0; ring < _store.RingCount; ring++)
            {
                RecordRing records = _store.Ring(ring);
                long number = records.NextPending(-1, _record);
                if (number < 0)
                    continue;
                _json.BeginBatch(_batch, _store.NextSeq, now);
                int count = 0;
                long last = number;
                while (number >= 0 && count < _config.BatchReadings && _batch.Position + MaxReadingBytes < _batch.Buffer.Length)
                {
                    _json.Reading(_batch, _record);
                    count++;
                    last = number;
                    number = records.NextPending(number, _record);
                }
                _json.EndBatch(_batch);
                if (!Acknowledged(_telemetryTopic, _batch, false, now))
                    return false;
                _store.Acknowledge(ring, last, count);
                _counters.BatchesPublished++;
                return true;
            }
            return false;
        }

        private bool Acknowledged(string topic, ByteWriter payload, bool retain, long now)
        {
            if (!payload.Overflowed && _uplink.Publish(topic, payload.Buffer, payload.Position, retain))
                return true;
            _counters.PublishFailures++;
            Backoff(now);
            return false;
        }

        private void Backoff(long now)
        {
            _retryAt = now + _backoff;
            _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
        }
    }
}
