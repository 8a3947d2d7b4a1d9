using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Firmware.Core.Uplink;

namespace CarbonEdge.Firmware.Core.Json
{
    /// <summary>
    /// Telemetry contract v1 payloads (docs/telemetry.md) written by hand into a <see cref="ByteWriter"/>: the
    /// batch of readings, the retained status and command replies. Member names and fixed strings are ASCII byte
    /// arrays made once; numbers and times are written invariantly without allocation.
    /// </summary>
    public sealed class TelemetryJson
    {
        private static readonly byte[] BatchStart = PointCatalog.Ascii("{\"schema\":\"carbonedge.telemetry.v1\",\"site\":");
        private static readonly byte[] GatewayMember = PointCatalog.Ascii(",\"gateway\":");
        private static readonly byte[] SeqMember = PointCatalog.Ascii(",\"seq\":");
        private static readonly byte[] SentAtMember = PointCatalog.Ascii(",\"sentAt\":");
        private static readonly byte[] ReadingsMember = PointCatalog.Ascii(",\"readings\":[");
        private static readonly byte[] DeviceMember = PointCatalog.Ascii("{\"device\":");
        private static readonly byte[] PointMember = PointCatalog.Ascii(",\"point\":");
        private static readonly byte[] ValueMember = PointCatalog.Ascii(",\"value\":");
        private static readonly byte[] Null = PointCatalog.Ascii("null");
        private static readonly byte[] UnitMember = PointCatalog.Ascii(",\"unit\":");
        private static readonly byte[] TsMember = PointCatalog.Ascii(",\"ts\":");
        private static readonly byte[] Good = PointCatalog.Ascii(",\"quality\":\"good\"}");
        private static readonly byte[] Uncertain = PointCatalog.Ascii(",\"quality\":\"uncertain\",\"reason\":\"clock not synchronised\"}");
        private static readonly byte[] BadReason = PointCatalog.Ascii(",\"quality\":\"bad\",\"reason\":\"");
        private static readonly byte[][] Reasons =
        {
            PointCatalog.Ascii(""), PointCatalog.Ascii("timeout"), PointCatalog.Ascii("bad checksum"),
            PointCatalog.Ascii("bad frame"), PointCatalog.Ascii(""), PointCatalog.Ascii("out of range"),
        };
        private static readonly byte[] ModbusException = PointCatalog.Ascii("exception 0x");
        private static readonly byte[] Dlt645Error = PointCatalog.Ascii("error reply 0x");
        private static readonly byte[] StatusState = PointCatalog.Ascii("{\"state\":");
        private static readonly byte[] Online = PointCatalog.Ascii("\"online\"");
        private static readonly byte[] Offline = PointCatalog.Ascii("\"offline\"");
        private static readonly byte[] SinceMember = PointCatalog.Ascii(",\"since\":");
        private static readonly byte[] VersionMember = PointCatalog.Ascii(",\"version\":");
        private static readonly byte[] ReplyStart = PointCatalog.Ascii("{\"correlationId\":");
        private static readonly byte[] OkTrue = PointCatalog.Ascii(",\"ok\":true");
        private static readonly byte[] OkFalse = PointCatalog.Ascii(",\"ok\":false,\"error\":");
        private static readonly byte[] ResultMember = PointCatalog.Ascii(",\"result\":{");
        private static readonly byte[] DevicesMember = PointCatalog.Ascii("\"devices\":");

        private readonly TerminalConfig _config;
        private readonly byte[] _site;
        private readonly byte[] _terminal;
        private int _readings;

        /// <summary>Payloads of the terminal configured by <paramref name="config"/>.</summary>
        public TelemetryJson(TerminalConfig config)
        {
            _config = config;
            _site = PointCatalog.Ascii(config.Site);
            _terminal = PointCatalog.Ascii(config.Terminal);
        }

        /// <summary>Starts a batch: schema, site, gateway, seq, sentAt and the opening of the readings array.</summary>
        public void BeginBatch(ByteWriter w, long seq, long sentAt)
        {
            w.Reset();
            w.Raw(BatchStart); w.QuotedRaw(_site);
            w.Raw(GatewayMember); w.QuotedRaw(_terminal);
            w.Raw(SeqMember); w.Integer(seq);
            w.Raw(SentAtMember); w.Timestamp(sentAt);
            w.Raw(ReadingsMember);
            _readings = 0;
        }

        /// <summary>Writes one reading record (<see cref="RecordLayout"/>) as a reading object.</summary>
        public void Reading(ByteWriter w, byte[] record)
        {
            if (_readings++ > 0)
                w.Byte((byte)',');
            MeterConfig meter = _config.Meters[record[2] < _config.Meters.Length ? record[2] : 0];
            int point = record[3] < PointCatalog.Count ? record[3] : 0;
            ReadOutcome outcome = (ReadOutcome)(record[1] & 0x7F);
            w.Raw(DeviceMember); w.QuotedRaw(meter.IdAscii);
            w.Raw(PointMember); w.QuotedRaw(PointCatalog.NameAscii(point));
            w.Raw(ValueMember);
            if (outcome == ReadOutcome.Good)
                w.Decimal(RecordLayout.ReadInt64(record, 12), 6);
            else
                w.Raw(Null);
            w.Raw(UnitMember); w.QuotedRaw(PointCatalog.UnitAscii(point));
            w.Raw(TsMember); w.Timestamp(RecordLayout.ReadInt64(record, 4));
            if (outcome == ReadOutcome.Good)
            {
                w.Raw((record[1] & RecordLayout.ClockUnsynchronised) != 0 ? Uncertain : Good);
                return;
            }
            w.Raw(BadReason);
            if (outcome == ReadOutcome.DeviceError)
            {
                w.Raw(meter.Protocol == MeterProtocol.ModbusRtu ? ModbusException : Dlt645Error);
                w.Hex2(record[20]);
            }
            else
                w.Raw(Reasons[(int)outcome < Reasons.Length ? (int)outcome : 3]);
            w.Byte((byte)'"');
            w.Byte((byte)'}');
        }

        /// <summary>Closes the readings array and the batch.</summary>
        public void EndBatch(ByteWriter w)
        {
            w.Byte((byte)']');
            w.Byte((byte)'}');
        }

        /// <summary>
        /// The retained status: state, since, version, buffered, then the terminal's counters as extra members
        /// (readers of the contract ignore members they do not know).
        /// </summary>
        public void Status(ByteWriter w, bool online, long since, string version, TerminalCounters counters)
        {
            w.Reset();
            w.Raw(StatusState); w.Raw(online ? Online : Offline);
            w.Raw(SinceMember); w.Timestamp(since);
            w.Raw(VersionMember); w.String(version);
            w.Byte((byte)',');
            counters.Write(w);
            w.Byte((byte)'}');
        }

        /// <summary>
        /// A command reply: ok with the number of meters (<c>devices</c>, as the gateway's <c>read-now</c> answers) and
        /// the counters as result, or not ok with <paramref name="error"/>.
        /// </summary>
        public void Reply(ByteWriter w, byte[] correlationId, int correlationLength, string error, TerminalCounters counters)
        {
            w.Reset();
            w.Raw(ReplyStart);
            w.Byte((byte)'"');
            for (int i = 0; i < correlationLength; i++)
                w.Byte(correlationId[i]);
            w.Byte((byte)'"');
            if (error.Length != 0)
            {
                w.Raw(OkFalse); w.String(error);
            }
            else
            {
                w.Raw(OkTrue); w.Raw(ResultMember);
                w.Raw(DevicesMember); w.Integer(_config.Meters.Length); w.Byte((byte)',');
                counters.Write(w);
                w.Byte((byte)'}');
            }
            w.Byte((byte)'}');
        }
    }
}
