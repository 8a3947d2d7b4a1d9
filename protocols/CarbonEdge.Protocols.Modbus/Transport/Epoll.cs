using System.Runtime.InteropServices;

namespace CarbonEdge.Protocols.Modbus.Transport;

/// <summary>
/// The Linux calls behind <see cref="MbapReceiver"/>: epoll(7) over many sockets and an eventfd(2) to wake the wait
/// (glibc, x86-64 and arm64).
/// </summary>
/// <remarks>
/// <c>struct epoll_event</c> is a 32-bit event mask and a 64-bit user datum, packed (12 bytes) on x86-64 and naturally
/// aligned (16 bytes) elsewhere (Linux include/uapi/linux/eventpoll.h, <c>EPOLL_PACKED</c>): the events are read from a
/// byte buffer with <see cref="EventSize"/>.
/// </remarks>
internal static partial class Epoll
{
    public const int EPOLL_CLOEXEC = 0x80000, EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x1, EPOLLRDHUP = 0x2000; // readable, and the peer closed (EPOLLERR and EPOLLHUP come unasked)

    /// <summary>Bytes of one <c>struct epoll_event</c> on this machine.</summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static unsafe partial int Control(int epoll, int operation, int descriptor, byte* epollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static unsafe partial int Wait(int epoll, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "eventfd_read", SetLastError = true)]
    public static partial int EventFdRead(int descriptor, out ulong value);

    [LibraryImport("libc", EntryPoint = "eventfd_write", SetLastError = true)]
    public static partial int EventFdWrite(int descriptor, ulong value);

    /// <summary>Adds <paramref name="descriptor"/> to <paramref name="epoll"/> for <paramref name="events"/>, tagged with <paramref name="data"/>; 0 or -1.</summary>
    public static unsafe int Add(int epoll, int descriptor, uint events, ulong data)
    {
        byte* epollEvent = stackalloc byte[16];
        *(uint*)epollEvent = events;
        *(ulong*)(epollEvent + EventSize - 8) = data;
        return Control(epoll, EPOLL_CTL_ADD, descriptor, epollEvent);
    }

    /// <summary>Removes <paramref name="descriptor"/> from <paramref name="epoll"/>; 0 or -1.</summary>
    public static unsafe int Remove(int epoll, int descriptor)
    {
        byte* epollEvent = stackalloc byte[16]; // ignored, but must not be null before Linux 2.6.9
        return Control(epoll, EPOLL_CTL_DEL, descriptor, epollEvent);
    }

    /// <summary>The datum of event <paramref name="index"/> in a buffer <see cref="Wait"/> filled (the receiver reads whatever the event).</summary>
    public static unsafe ulong Datum(byte* events, int index) => *(ulong*)(events + index * EventSize + EventSize - 8);

    /// <summary>The text of errno of the last call.</summary>
    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
