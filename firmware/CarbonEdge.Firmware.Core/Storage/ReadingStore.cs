using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Config;

namespace CarbonEdge.Firmware.Core.Storage
{
    /// <summary>
    /// The terminal's store-and-forward buffer: two <see cref="RecordRing"/>s on one block device, the first sized to
    /// hold the energy registers of the configured number of days, the other for every other point. A full ring drops
    /// its oldest page, so instantaneous values never push energy registers out, and energy batches are sent first.
    /// Keeps the telemetry seq: one more than the highest seq acknowledged (or floored in a page header).
    /// </summary>
    public sealed class ReadingStore
    {
        private readonly RecordRing[] _rings;
        private readonly byte[] _record = new byte[RecordLayout.Size];

        /// <summary>Splits <paramref name="device"/> between energy registers (<paramref name="energyPages"/> pages) and other points (the rest).</summary>
        public ReadingStore(IBlockDevice device, int energyPages)
        {
            _rings = new RecordRing[]
            {
                new RecordRing(device, 0, energyPages),
                new RecordRing(device, energyPages, device.PageCount - energyPages),
            };
        }

        /// <summary>
        /// Pages the energy ring needs for <paramref name="days"/> days of <paramref name="energyPoints"/> readings every
        /// <paramref name="intervalSeconds"/> (plus the page being reopened and one for acknowledgements), kept between 2
        /// and <paramref name="pageCount"/> − 2.
        /// </summary>
        public static int EnergyPages(int pageCount, int pageSize, int days, int intervalSeconds, int energyPoints)
        {
            long readings = (long)days * (86400 / intervalSeconds) * energyPoints;
            long perPage = pageSize / RecordLayout.Size - 1;
            long pages = (readings + perPage - 1) / perPage + 2;
            if (pages > pageCount - 2) pages = pageCount - 2;
            return pages < 2 ? 2 : (int)pages;
        }

        /// <summary>Ring 0 (energy registers) and ring 1 (other points).</summary>
        public RecordRing Ring(int index) => _rings[index];

        /// <summary>Number of rings.</summary>
        public int RingCount => _rings.Length;

        /// <summary>The seq the next batch gets.</summary>
        public long NextSeq { get; private set; }

        /// <summary>Readings not yet acknowledged, both rings.</summary>
        public int Pending => _rings[0].Pending + _rings[1].Pending;

        /// <summary>Corrupt or torn slots found at mount, both rings.</summary>
        public int CorruptRecords => _rings[0].CorruptRecords + _rings[1].CorruptRecords;

        /// <summary>Readings dropped unacknowledged because a ring was full, both rings.</summary>
        public int LostReadings => _rings[0].LostReadings + _rings[1].LostReadings;

        /// <summary>Scans both rings (at boot) and sets the next seq.</summary>
        public void Mount()
        {
            _rings[0].Mount();
            _rings[1].Mount();
            long last = _rings[0].LastSeq > _rings[1].LastSeq ? _rings[0].LastSeq : _rings[1].LastSeq;
            NextSeq = last + 1;
        }

        /// <summary>
        /// Stores one reading: value in millionths of the point's unit, time in Unix milliseconds, the read's outcome,
        /// the device's error code, and whether the clock was synchronised.
        /// </summary>
        public void Add(int meter, int point, long unixMilliseconds, ReadOutcome outcome, long micros, int deviceCode, bool clockSynchronised)
        {
            byte flags = (byte)((byte)outcome | (clockSynchronised ? 0 : RecordLayout.ClockUnsynchronised));
            RecordLayout.Build(_record, RecordLayout.Reading, flags, (byte)meter, (byte)point, unixMilliseconds, micros, (byte)deviceCode);
            _rings[PointCatalog.IsEnergy(point) ? 0 : 1].Append(_record, NextSeq);
        }

        /// <summary>Records that the broker acknowledged batch <see cref="NextSeq"/> of <paramref name="readings"/> readings from ring <paramref name="ring"/> ending at <paramref name="through"/>.</summary>
        public void Acknowledge(int ring, long through, int readings)
        {
            _rings[ring].Acknowledge(NextSeq, through, readings, _record);
            NextSeq++;
        }
    }
}
