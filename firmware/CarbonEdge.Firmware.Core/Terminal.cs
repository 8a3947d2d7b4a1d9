using System.Threading;
using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Config;
using CarbonEdge.Firmware.Core.Schedule;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Firmware.Core.Time;
using CarbonEdge.Firmware.Core.Uplink;

namespace CarbonEdge.Firmware.Core
{
    /// <summary>
    /// The metering terminal: polls its meters at wall-clock-aligned times into the flash buffer, keeps its clock with
    /// SNTP (or the RTC), forwards the buffer over MQTT and answers commands, on one thread, feeding the watchdog each
    /// turn. Boards construct it with their adapters and call <see cref="Run"/>; nothing a meter, broker, flash or clock
    /// does stops the loop (each failure is counted and reported in the status message).
    /// </summary>
    public sealed class Terminal
    {
        private const int MaxWaitMilliseconds = 1000;
        private const int MaxShutdownBatches = 100;

        private readonly TerminalConfig _config;
        private readonly ISntpChannel? _sntp;
        private readonly IWatchdog _watchdog;
        private readonly UplinkService _uplink;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly byte[] _sntpRequest = new byte[SntpPacket.Length];
        private readonly byte[] _sntpReply = new byte[SntpPacket.Length + 64];
        private readonly byte[] _correlationId = new byte[CommandInbox.MaxCorrelationId];
        private long _nextPoll = -1;
        private long _nextSntp;
        private int _readNow;
        private int _stopping;

        /// <summary>A terminal over the board's adapters; <paramref name="rtc"/> and <paramref name="sntp"/> may be null.</summary>
        public Terminal(TerminalConfig config, ISerialLine line, IBlockDevice storage, IClock clock, IRealTimeClock? rtc,
            ISntpChannel? sntp, IUplink uplink, IWatchdog watchdog, string version)
        {
            _config = config;
            _sntp = sntp;
            _watchdog = watchdog;
            int energyPoints = 0;
            for (int m = 0; m < config.Meters.Length; m++)
                for (int p = 0; p < config.Meters[m].Points.Length; p++)
                    if (PointCatalog.IsEnergy(config.Meters[m].Points[p].Point))
                        energyPoints++;
            Store = new ReadingStore(storage, ReadingStore.EnergyPages(storage.PageCount, storage.PageSize, config.EnergyDays,
                config.IntervalSeconds, energyPoints));
            Clock = new TerminalClock(clock, rtc);
            Poller = new MeterPoller(config, line, Store, Clock);
            Commands = new CommandInbox();
            Counters = new TerminalCounters(Poller, Store, Clock, Commands);
            _uplink = new UplinkService(config, Store, uplink, Counters, version);
        }

        /// <summary>The flash buffer.</summary>
        public ReadingStore Store { get; }

        /// <summary>The terminal's clock.</summary>
        public TerminalClock Clock { get; }

        /// <summary>The meter poller.</summary>
        public MeterPoller Poller { get; }

        /// <summary>Where the board's MQTT client delivers commands.</summary>
        public CommandInbox Commands { get; }

        /// <summary>The status counters.</summary>
        public TerminalCounters Counters { get; }

        /// <summary>Mounts the buffer and takes the time from the RTC. Call once before <see cref="Turn"/> or <see cref="Run"/>.</summary>
        public void Boot()
        {
            Store.Mount();
            Clock.LoadFromRealTimeClock();
        }

        /// <summary>Polls at the next turn (the button, or the <c>read-now</c> command).</summary>
        public void RequestReadNow()
        {
            Interlocked.Exchange(ref _readNow, 1);
            _wake.Set();
        }

        /// <summary>Ends <see cref="Run"/> after the current turn; it then publishes the offline status.</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopping, 1);
            _wake.Set();
        }

        /// <summary>
        /// Boots, then turns until <see cref="Stop"/>, sleeping between turns until the next poll (at most 1 s). On stop,
        /// sends what the broker takes of the buffer (up to 100 batches), then the retained offline status.
        /// </summary>
        public void Run()
        {
            Boot();
            while (Interlocked.CompareExchange(ref _stopping, 0, 0) == 0)
            {
                int wait = Turn();
                if (wait > 0)
                    _wake.WaitOne(wait, false);
            }
            for (int batch = 0; batch < MaxShutdownBatches && _uplink.Service(Clock.Now()); batch++)
                _watchdog.Feed();
            _uplink.Shutdown(Clock.Now());
        }

        /// <summary>
        /// One turn of the loop: feed the watchdog, synchronise the clock when due, poll when due (or asked), answer a
        /// command, publish one batch. Returns how long to wait before the next turn (0 when more batches are waiting).
        /// Allocates nothing in steady state. An exception from a board adapter (a serial adapter unplugged, a storage
        /// error) ends the turn, is counted (<see cref="TerminalCounters.LoopFaults"/>) and the loop goes on; the watchdog
        /// stays the last resort.
        /// </summary>
        public int Turn()
        {
            try
            {
                return TurnOnce();
            }
            catch (System.Exception)
            {
                Counters.LoopFaults++;
                return MaxWaitMilliseconds;
            }
        }

        private int TurnOnce()
        {
            _watchdog.Feed();
            long now = Clock.Now();
            if (_sntp != null && now >= _nextSntp)
                now = Synchronise(now);
            if (_nextPoll < 0)
                _nextPoll = now; // first poll at boot, then on the aligned times
            else if (PollSchedule.IsStale(_nextPoll, now, _config.IntervalSeconds))
                _nextPoll = PollSchedule.Next(now, _config.IntervalSeconds);
            if (Interlocked.Exchange(ref _readNow, 0) == 1 || now >= _nextPoll)
            {
                Poller.PollAll();
                now = Clock.Now();
                if (now >= _nextPoll)
                    _nextPoll = PollSchedule.Next(now, _config.IntervalSeconds);
                _uplink.PublishStatus(now, true);
            }
            Answer(now);
            if (_uplink.Service(now))
                return 0;
            long wait = _nextPoll - Clock.Now();
            return wait > MaxWaitMilliseconds ? MaxWaitMilliseconds : wait < 1 ? 1 : (int)wait;
        }

        private long Synchronise(long now)
        {
            _nextSntp = now + _config.SntpIntervalSeconds * 1000L;
            SntpPacket.EncodeRequest(_sntpRequest, now);
            int received = _sntp!.Exchange(_sntpRequest, _sntpReply);
            if (received > 0 && SntpPacket.TryDecodeReply(_sntpReply, received, now, Clock.Now(), out long offset, out _))
            {
                Clock.ApplySntpOffset(offset);
                return Clock.Now();
            }
            Counters.SntpFailures++;
            _nextSntp = now + 60_000;
            return now;
        }

        private void Answer(long now)
        {
            string? command = Commands.Take(_correlationId, out int length);
            if (command == null)
                return;
            _wake.Set(); // more commands may wait: answer them on the next turns
            string error = "";
            if (command == "read-now")
            {
                Poller.PollAll();
                now = Clock.Now();
            }
            else if (command != "status")
                error = "unknown command '" + command + "'; known: read-now, status";
            _uplink.PublishReply(now, _correlationId, length, error);
        }
    }
}
