using CarbonEdge.Firmware.Core.Bus;
using CarbonEdge.Firmware.Core.Storage;
using CarbonEdge.Firmware.Tests.Doubles;

namespace CarbonEdge.Firmware.Tests.Storage;

/// <summary>
/// The flash ring: appends survive remounts, acknowledgements move the sent mark and the seq, a full ring drops its
/// oldest page (counted), corrupt slots are skipped and counted, and a power cut at every byte of a record write and
/// of a page erase loses at most the record being written.
/// </summary>
public sealed class RecordRingTests
{
    private const int PageSize = 256; // 8 slots: header + 7 records

    [Fact]
    public void Appended_readings_are_pending_in_order_after_a_remount()
    {
        var flash = new SimulatedFlash(PageSize, 4);
        var ring = Mounted(flash);
        for (int i = 0; i < 10; i++)
            Append(ring, i);

        var again = Mounted(flash);

        Assert.Equal(10, again.Pending);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), PendingTimes(again));
    }

    [Fact]
    public void Acknowledged_readings_are_not_pending_and_the_seq_goes_on_after_a_remount()
    {
        var flash = new SimulatedFlash(PageSize, 4);
        var ring = Mounted(flash);
        var numbers = Enumerable.Range(0, 9).Select(i => Append(ring, i)).ToArray();
        ring.Acknowledge(41, numbers[4], 5, new byte[RecordLayout.Size]);

        var again = Mounted(flash);

        Assert.Equal(new long[] { 5, 6, 7, 8 }, PendingTimes(again));
        Assert.Equal((4, 41L), (again.Pending, again.LastSeq));
    }

    [Fact]
    public void A_full_ring_keeps_the_newest_readings_and_counts_the_lost()
    {
        var flash = new SimulatedFlash(PageSize, 3);
        var ring = Mounted(flash);
        for (int i = 0; i < 30; i++)
            Append(ring, i);

        var times = PendingTimes(ring);
        Assert.Equal(29, times[^1]);
        Assert.Equal(Enumerable.Range(30 - times.Length, times.Length).Select(i => (long)i), times);
        Assert.Equal(30 - times.Length, ring.LostReadings);
        Assert.True(times.Length >= ring.Capacity - 7);
    }

    [Fact]
    public void A_corrupt_record_is_skipped_and_counted_at_mount()
    {
        var flash = new SimulatedFlash(PageSize, 4);
        var ring = Mounted(flash);
        for (int i = 0; i < 5; i++)
            Append(ring, i);
        flash.Bytes[2 * RecordLayout.Size + 6] ^= 0x10; // slot 2 = reading 1: flip a timestamp bit

        var again = Mounted(flash);

        Assert.Equal(new long[] { 0, 2, 3, 4 }, PendingTimes(again));
        Assert.Equal(1, again.CorruptRecords);
    }

    [Fact]
    public void A_power_cut_at_every_byte_of_a_record_write_loses_at_most_that_record()
    {
        var reference = new SimulatedFlash(PageSize, 3);
        var ring = Mounted(reference);
        for (int i = 0; i < 5; i++)
            Append(ring, i);
        long before = reference.Operations;
        Append(ring, 5);
        long writeBytes = reference.Operations - before;
        Assert.Equal(RecordLayout.Size, writeBytes);

        for (long cut = 0; cut < writeBytes; cut++)
        {
            var flash = new SimulatedFlash(PageSize, 3);
            var victim = Mounted(flash);
            for (int i = 0; i < 5; i++)
                Append(victim, i);
            flash.CutAfter = cut;
            Assert.Throws<PowerCutException>(() => Append(victim, 5));
            flash.CutAfter = null;

            var again = Mounted(flash);
            Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, PendingTimes(again));
            Append(again, 6);
            Assert.Equal(new long[] { 0, 1, 2, 3, 4, 6 }, PendingTimes(Mounted(flash)));
        }
    }

    [Fact]
    public void A_power_cut_at_every_byte_of_a_page_erase_loses_only_the_page_being_recycled()
    {
        const int pages = 3, perPage = PageSize / RecordLayout.Size - 1;
        int fill = pages * perPage; // every page full: the next append erases the oldest page
        var reference = new SimulatedFlash(PageSize, pages);
        var ring = Mounted(reference);
        for (int i = 0; i < fill; i++)
            Append(ring, i);
        long before = reference.Operations;
        Append(ring, fill);
        long total = reference.Operations - before;
        Assert.Equal(PageSize + 2 * RecordLayout.Size, total); // erase, header, record

        for (long cut = 0; cut < total; cut++)
        {
            var flash = new SimulatedFlash(PageSize, pages);
            var victim = Mounted(flash);
            for (int i = 0; i < fill; i++)
                Append(victim, i);
            flash.CutAfter = cut;
            Assert.Throws<PowerCutException>(() => Append(victim, fill));
            flash.CutAfter = null;

            var again = Mounted(flash);
            var times = PendingTimes(again);
            // The oldest page (readings 0..6) may be gone or intact; every newer reading is there; the cut one at most lost.
            var expected = Enumerable.Range(perPage, fill - perPage).Select(i => (long)i).ToArray();
            Assert.True(expected.All(times.Contains), $"cut after {cut}: {string.Join(",", times)}");
            Assert.True(times.All(t => t < fill) || times[^1] == fill);
            Append(again, fill + 1);
            Assert.Equal(fill + 1, PendingTimes(Mounted(flash))[^1]);
        }
    }

    private static RecordRing Mounted(SimulatedFlash flash)
    {
        var ring = new RecordRing(flash, 0, flash.PageCount);
        ring.Mount();
        return ring;
    }

    private static long Append(RecordRing ring, long time)
    {
        byte[] record = new byte[RecordLayout.Size];
        RecordLayout.Build(record, RecordLayout.Reading, (byte)ReadOutcome.Good, 0, 0, time, time * 1_000_000, 0);
        return ring.Append(record, 0);
    }

    private static long[] PendingTimes(RecordRing ring)
    {
        var times = new List<long>();
        byte[] record = new byte[RecordLayout.Size];
        for (long n = ring.NextPending(-1, record); n >= 0; n = ring.NextPending(n, record))
            times.Add(RecordLayout.ReadInt64(record, 4));
        return times.ToArray();
    }
}
