namespace CarbonEdge.Firmware.Core.Storage
{
    /// <summary>
    /// A store-and-forward ring of 32-byte records over a range of erase pages. Slot 0 of each page is a header with
    /// the page's generation (one more than the newest page's); a record's number is generation × slots per page + slot,
    /// so numbers grow with age. Appends go to the newest page; when it is full the next page is erased and opened,
    /// dropping the oldest records (the newest days are kept). Acknowledgement records mark how far the broker has
    /// acknowledged. Every write programs the body, then the commit byte, so a power cut at any byte loses at most
    /// the record being written; a cut erase leaves a page without a valid header, which counts as free.
    /// </summary>
    public sealed class RecordRing
    {
        private readonly IBlockDevice _device;
        private readonly int _firstPage;
        private readonly long[] _generations;
        private readonly byte[] _slot = new byte[RecordLayout.Size];
        private readonly byte[] _scratch = new byte[RecordLayout.Size];
        private int _writePage = -1;
        private int _writeSlot;

        /// <summary>A ring over <paramref name="pageCount"/> (at least 2) pages of <paramref name="device"/> from <paramref name="firstPage"/>.</summary>
        public RecordRing(IBlockDevice device, int firstPage, int pageCount)
        {
            if (pageCount < 2 || firstPage < 0 || firstPage + pageCount > device.PageCount || device.PageSize % RecordLayout.Size != 0)
                throw new System.ArgumentException("A ring needs 2 or more pages inside the device, and pages a multiple of 32 bytes.");
            _device = device;
            _firstPage = firstPage;
            _generations = new long[pageCount];
            SlotsPerPage = device.PageSize / RecordLayout.Size;
        }

        /// <summary>Record slots per page, the header included.</summary>
        public int SlotsPerPage { get; }

        /// <summary>Readings that can be held when every page but the one being reopened is full.</summary>
        public int Capacity => (_generations.Length - 1) * (SlotsPerPage - 1);

        /// <summary>Readings stored and not yet acknowledged.</summary>
        public int Pending { get; private set; }

        /// <summary>The number of the last reading the broker acknowledged, or -1.</summary>
        public long AcknowledgedThrough { get; private set; } = -1;

        /// <summary>The highest seq found in an acknowledgement record or a page header's floor, or -1.</summary>
        public long LastSeq { get; private set; } = -1;

        /// <summary>Slots found programmed but not committed or with a bad CRC (power cuts, flash wear), since boot.</summary>
        public int CorruptRecords { get; private set; }

        /// <summary>Readings dropped unacknowledged because the ring was full.</summary>
        public int LostReadings { get; private set; }

        /// <summary>Scans every page: generations, the append position, acknowledgements, pending readings, corrupt slots.</summary>
        public void Mount()
        {
            long newest = -1;
            for (int page = 0; page < _generations.Length; page++)
            {
                _generations[page] = -1;
                ReadSlot(page, 0, _slot);
                if (_slot[0] == RecordLayout.PageHeader && RecordLayout.IsValid(_slot))
                {
                    _generations[page] = RecordLayout.ReadInt64(_slot, 4);
                    NoteSeq(RecordLayout.ReadInt64(_slot, 12) - 1);
                    if (newest < 0 || _generations[page] > _generations[newest])
                        newest = page;
                }
            }
            _writePage = (int)newest;
            _writeSlot = SlotsPerPage;
            for (int page = 0; page < _generations.Length; page++)
                if (_generations[page] >= 0)
                    ScanForAcknowledgements(page);
            Pending = 0;
            for (int page = 0; page < _generations.Length; page++)
                if (_generations[page] >= 0)
                    Pending += CountPending(page, page == _writePage);
        }

        /// <summary>
        /// Appends a record built with <see cref="RecordLayout.Build"/>; <paramref name="seqFloor"/> is written into the
        /// header of a page this append opens (the next seq, so it survives the loss of old acknowledgements).
        /// Returns the record's number.
        /// </summary>
        public long Append(byte[] record, long seqFloor)
        {
            if (_writePage < 0 || _writeSlot >= SlotsPerPage)
                OpenNextPage(seqFloor);
            int slot = _writeSlot++;
            WriteSlot(_writePage, slot, record);
            if (record[0] == RecordLayout.Reading)
                Pending++;
            return _generations[_writePage] * SlotsPerPage + slot;
        }

        /// <summary>Records that the broker acknowledged batch <paramref name="seq"/>, which ended with reading <paramref name="through"/> and held <paramref name="readings"/> readings.</summary>
        public void Acknowledge(long seq, long through, int readings, byte[] record)
        {
            RecordLayout.Build(record, RecordLayout.Acknowledgement, 0, 0, 0, seq, through, 0);
            Append(record, seq + 1);
            AcknowledgedThrough = through;
            NoteSeq(seq);
            Pending -= readings;
            if (Pending < 0)
                Pending = 0;
        }

        /// <summary>
        /// Finds the first valid reading after number <paramref name="after"/> (-1: from the oldest) and not yet
        /// acknowledged, copies it into <paramref name="record"/> and returns its number; -1 when there is none.
        /// Invalid slots are skipped (they were counted at mount).
        /// </summary>
        public long NextPending(long after, byte[] record)
        {
            if (after < AcknowledgedThrough)
                after = AcknowledgedThrough;
            long generation = after < 0 ? -1 : after / SlotsPerPage;
            int slot = after < 0 ? 1 : (int)(after % SlotsPerPage) + 1;
            int page = PageOf(generation);
            if (page < 0)
            {
                page = OldestAfter(generation);
                slot = 1;
            }
            while (page >= 0)
            {
                int end = page == _writePage ? _writeSlot : SlotsPerPage;
                for (; slot < end; slot++)
                {
                    ReadSlot(page, slot, record);
                    if (record[0] == RecordLayout.Reading && RecordLayout.IsValid(record))
                        return _generations[page] * SlotsPerPage + slot;
                }
                page = OldestAfter(_generations[page]);
                slot = 1;
            }
            return -1;
        }

        private void OpenNextPage(long seqFloor)
        {
            int page = _writePage < 0 ? 0 : (_writePage + 1) % _generations.Length;
            long generation = 0;
            for (int i = 0; i < _generations.Length; i++)
                if (_generations[i] >= generation)
                    generation = _generations[i] + 1;
            if (_generations[page] >= 0)
            {
                int lost = CountPending(page, false);
                LostReadings += lost;
                Pending -= lost;
            }
            _generations[page] = -1;
            _device.Erase(_firstPage + page);
            RecordLayout.Build(_slot, RecordLayout.PageHeader, 0, 0, 0, generation, seqFloor, 0);
            WriteSlot(page, 0, _slot);
            _generations[page] = generation;
            _writePage = page;
            _writeSlot = 1;
        }

        /// <summary>Programs the record's body, then its commit marker: a cut before the marker leaves a torn slot.</summary>
        private void WriteSlot(int page, int slot, byte[] record)
        {
            int address = Address(page, slot);
            _device.Program(address, record, 0, RecordLayout.Commit);
            _scratch[0] = RecordLayout.Committed;
            _device.Program(address + RecordLayout.Commit, _scratch, 0, 1);
        }

        private void ScanForAcknowledgements(int page)
        {
            for (int slot = 1; slot < SlotsPerPage; slot++)
            {
                ReadSlot(page, slot, _slot);
                if (RecordLayout.IsEmpty(_slot))
                {
                    if (page == _writePage && _writeSlot == SlotsPerPage)
                        _writeSlot = slot;
                    continue;
                }
                if (page == _writePage)
                    _writeSlot = SlotsPerPage;
                if (!RecordLayout.IsValid(_slot))
                {
                    CorruptRecords++;
                    continue;
                }
                if (_slot[0] != RecordLayout.Acknowledgement)
                    continue;
                long through = RecordLayout.ReadInt64(_slot, 12);
                if (through > AcknowledgedThrough)
                    AcknowledgedThrough = through;
                NoteSeq(RecordLayout.ReadInt64(_slot, 4));
            }
        }

        private int CountPending(int page, bool toWritePosition)
        {
            int count = 0, end = toWritePosition ? _writeSlot : SlotsPerPage;
            long first = _generations[page] * SlotsPerPage;
            for (int slot = 1; slot < end; slot++)
            {
                if (first + slot <= AcknowledgedThrough)
                    continue;
                ReadSlot(page, slot, _slot);
                if (_slot[0] == RecordLayout.Reading && RecordLayout.IsValid(_slot))
                    count++;
            }
            return count;
        }

        private int PageOf(long generation)
        {
            if (generation < 0)
                return -1;
            for (int page = 0; page < _generations.Length; page++)
                if (_generations[page] == generation)
                    return page;
            return -1;
        }

        private int OldestAfter(long generation)
        {
            int found = -1;
            for (int page = 0; page < _generations.Length; page++)
                if (_generations[page] > generation && (found < 0 || _generations[page] < _generations[found]))
                    found = page;
            return found;
        }

        private void NoteSeq(long seq)
        {
            if (seq > LastSeq)
                LastSeq = seq;
        }

        private void ReadSlot(int page, int slot, byte[] buffer) =>
            _device.Read(Address(page, slot), buffer, 0, RecordLayout.Size);

        private int Address(int page, int slot) => (_firstPage + page) * _device.PageSize + slot * RecordLayout.Size;
    }
}
