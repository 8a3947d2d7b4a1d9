using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Json;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Firmware.Core.Time;

namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>
    /// What the status message and the <c>status</c> command report: buffered readings and every bad-input counter
    /// (failed reads, lost and corrupt records, clock jumps, broker refusals), gathered from the parts that count them.
    /// </summary>
    public sealed class TerminalCounters
    {
        private static readonly byte[][] Names =
        {
            Member("buffered"), Member("polls"), Member("readings"), Member("badReadings"), Member("lostReadings"),
            Member("corruptRecords"), Member("clockJumps"), Member("sntpFailures"), Member("connectFailures"),
            Member("publishFailures"), Member("batchesPublished"), Member("commands"), Member("nextSeq"), Member("loopFaults"), Member("commandsDropped"),
        };
        private static readonly byte[] ClockMember = Member("clock");
        private static readonly byte[][] ClockNames =
        {
            Quoted("unsynchronised"), Quoted("rtc"), Quoted("sntp"), Quoted("system"),
        };

        private readonly MeterPoller _poller;
        private readonly ReadingStore _store;
        private readonly TerminalClock _clock;
        private readonly CommandInbox _commands;

        /// <summary>Counters of the given parts.</summary>
        public TerminalCounters(MeterPoller poller, ReadingStore store, TerminalClock clock, CommandInbox commands)
        {
            _poller = poller;
            _store = store;
            _clock = clock;
            _commands = commands;
        }

        /// <summary>SNTP exchanges that got no valid reply.</summary>
        public int SntpFailures { get; set; }

        /// <summary>Connection attempts the broker refused or that did not reach it.</summary>
        public int ConnectFailures { get; set; }

        /// <summary>Publishes not acknowledged by the broker.</summary>
        public int PublishFailures { get; set; }

        /// <summary>Turns ended by an exception from a board adapter.</summary>
        public int LoopFaults { get; set; }

        /// <summary>Batches the broker acknowledged.</summary>
        public int BatchesPublished { get; set; }

        /// <summary>Writes the counters as JSON members (no braces).</summary>
        public void Write(ByteWriter w)
        {
            Value(w, 0, _store.Pending, true);
            Value(w, 1, _poller.Polls, false);
            Value(w, 2, _poller.Readings, false);
            Value(w, 3, _poller.BadReadings, false);
            Value(w, 4, _store.LostReadings, false);
            Value(w, 5, _store.CorruptRecords, false);
            Value(w, 6, _clock.Jumps, false);
            Value(w, 7, SntpFailures, false);
            Value(w, 8, ConnectFailures, false);
            Value(w, 9, PublishFailures, false);
            Value(w, 10, BatchesPublished, false);
            Value(w, 11, _commands.Received, false);
            Value(w, 12, _store.NextSeq, false);
            Value(w, 13, LoopFaults, false);
            Value(w, 14, _commands.Dropped, false);
            w.Byte((byte)',');
            w.Raw(ClockMember);
            w.Raw(ClockNames[(int)_clock.Quality]);
        }

        private static void Value(ByteWriter w, int name, long value, bool first)
        {
            if (!first)
                w.Byte((byte)',');
            w.Raw(Names[name]);
            w.Integer(value);
        }

        private static byte[] Member(string name) => PointCatalog.Ascii("\"" + name + "\":");

        private static byte[] Quoted(string text) => PointCatalog.Ascii("\"" + text + "\"");
    }
}
