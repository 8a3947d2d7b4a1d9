using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Dlt645;
using CarbonEdge.Firmware.Core.Modbus;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Firmware.Core.Time;

namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>
    /// Reads every point of every configured meter over the RS-485 line, one request per point, and stores each
    /// result (value or the reason it failed) in the <see cref="ReadingStore"/>. Buffers are allocated once: a poll
    /// allocates nothing. A meter that does not answer costs its timeout and a bad reading, never the loop.
    /// </summary>
    public sealed class MeterPoller
    {
        private const long MaxMicros = 9_000_000_000_000_000;

        private readonly TerminalConfig _config;
        private readonly ISerialLine _line;
        private readonly ReadingStore _store;
        private readonly TerminalClock _clock;
        private readonly byte[] _request = new byte[Dlt645Master.ReadRequestLength];
        private readonly byte[] _response = new byte[ModbusRtuMaster.MaxResponseLength > Dlt645Master.MaxFrameLength ? ModbusRtuMaster.MaxResponseLength : Dlt645Master.MaxFrameLength];
        private int _deviceCode;
        private double _value;

        /// <summary>A poller of <paramref name="config"/>'s meters on <paramref name="line"/>.</summary>
        public MeterPoller(TerminalConfig config, ISerialLine line, ReadingStore store, TerminalClock clock)
        {
            _config = config;
            _line = line;
            _store = store;
            _clock = clock;
        }

        /// <summary>Polls completed since boot.</summary>
        public int Polls { get; private set; }

        /// <summary>Readings taken (good or not) since boot.</summary>
        public int Readings { get; private set; }

        /// <summary>Readings that failed (timeout, checksum, frame, device error, out of range) since boot.</summary>
        public int BadReadings { get; private set; }

        /// <summary>Reads every point of every meter once.</summary>
        public void PollAll()
        {
            MeterConfig[] meters = _config.Meters;
            for (int m = 0; m < meters.Length; m++)
            {
                PointConfig[] points = meters[m].Points;
                for (int p = 0; p < points.Length; p++)
                {
                    ReadOutcome outcome = Read(meters[m], points[p]);
                    long micros = 0;
                    if (outcome == ReadOutcome.Good)
                    {
                        double scaled = _value * 1_000_000;
                        if (scaled > MaxMicros || scaled < -MaxMicros)
                            outcome = ReadOutcome.OutOfRange;
                        else
                            micros = (long)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
                    }
                    Readings++;
                    if (outcome != ReadOutcome.Good)
                        BadReadings++;
                    _store.Add(m, points[p].Point, _clock.Now(), outcome, micros, _deviceCode, _clock.IsSynchronised);
                }
            }
            Polls++;
        }

        private ReadOutcome Read(MeterConfig meter, PointConfig point)
        {
            _deviceCode = 0;
            _value = 0;
            bool modbus = meter.Protocol == MeterProtocol.ModbusRtu;
            int registers = RegisterDecoder.RegisterCount(point.Type);
            int length = modbus
                ? ModbusRtuMaster.EncodeReadRequest(_request, 0, meter.UnitId, point.Function, point.Register, registers)
                : Dlt645Master.EncodeReadRequest(_request, 0, meter.Address, point.DataIdentifier);
            _line.DiscardInput();
            _line.Write(_request, 0, length);
            int received = 0;
            while (received < _response.Length)
            {
                int n = _line.Read(_response, received, _response.Length - received, _config.TimeoutMilliseconds);
                if (n <= 0)
                    return ReadOutcome.Timeout;
                received += n;
                int consumed, dataOffset, code, dataLength = 0;
                FrameError error;
                DecodeStatus status = modbus
                    ? ModbusRtuMaster.TryDecodeReadResponse(_response, 0, received, meter.UnitId, point.Function, registers,
                        out dataOffset, out code, out consumed, out error)
                    : Dlt645Master.TryDecodeReadResponse(_response, 0, received, meter.Address, point.DataIdentifier,
                        out dataOffset, out dataLength, out code, out consumed, out error);
                if (status == DecodeStatus.NeedMoreData)
                    continue;
                if (status == DecodeStatus.Invalid)
                    return error == FrameError.BadChecksum ? ReadOutcome.BadChecksum : ReadOutcome.BadFrame;
                if (modbus ? code != 0 : code >= 0)
                {
                    _deviceCode = code;
                    return ReadOutcome.DeviceError;
                }
                return Decode(point, modbus, dataOffset, dataLength);
            }
            return ReadOutcome.BadFrame;
        }

        private ReadOutcome Decode(PointConfig point, bool modbus, int dataOffset, int dlt645Length)
        {
            if (modbus)
            {
                if (!RegisterDecoder.TryDecode(_response, dataOffset, point.Type, point.WordSwap, out _value))
                    return ReadOutcome.OutOfRange;
                _value *= point.Scale;
                return ReadOutcome.Good;
            }
            if (dlt645Length < point.BcdLength)
                return ReadOutcome.BadFrame;
            return Dlt645Bcd.TryDecode(_response, dataOffset, point.BcdLength, point.Decimals, point.Signed, out _value)
                ? ReadOutcome.Good
                : ReadOutcome.BadFrame;
        }
    }
}
