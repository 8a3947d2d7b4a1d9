using System.Runtime.InteropServices;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// The libc calls that byte channels on Linux share (x86-64 and arm64 glibc): read, write, poll, pipe2, close on file
/// descriptors of serial ports, sockets and wake-up pipes.
/// </summary>
/// <remarks>POSIX.1-2017 (unistd.h, poll.h); constants from Linux asm-generic headers.</remarks>
internal static partial class Posix
{
    public const int O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    public const int EINTR = 4, EAGAIN = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static unsafe partial int Pipe2(int* fds, int flags);

    /// <summary>errno of the last call.</summary>
    public static int LastErrno() => Marshal.GetLastPInvokeError();

    /// <summary>The text of errno of the last call, e.g. "Input/output error".</summary>
    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
