using System.Runtime.InteropServices;

namespace CarbonEdge.Protocols.Modbus.Transport.Serial;

/// <summary>
/// The libc calls a serial port needs on Linux (x86-64 and arm64 glibc layouts): open/read/write/poll/close and
/// termios. <c>struct termios</c> is handled as raw bytes: c_cflag at offset 8, c_cc at offset 17 (VTIME 5, VMIN 6).
/// </summary>
/// <remarks>POSIX.1-2017 General Terminal Interface (termios.h); constants from Linux asm-generic/termbits.h.</remarks>
internal static partial class Termios
{
    public const int O_RDWR = 0x2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const uint CSIZE = 0x30, CS7 = 0x20, CS8 = 0x30, CSTOPB = 0x40, CREAD = 0x80, PARENB = 0x100, PARODD = 0x200, CLOCAL = 0x800, CRTSCTS = 0x80000000;
    public const int TCSANOW = 0, TCIFLUSH = 0;
    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    public const int EINTR = 4, EAGAIN = 11;
    public const int Size = 64, CflagOffset = 8, CcOffset = 17, VTIME = 5, VMIN = 6;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

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

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static unsafe partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    public static unsafe partial int CfSetISpeed(byte* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    public static unsafe partial int CfSetOSpeed(byte* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfgetospeed")]
    public static unsafe partial uint CfGetOSpeed(byte* termios);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    /// <summary>The termios speed constant of <paramref name="baud"/>, or 0 when Linux has none.</summary>
    public static uint SpeedOf(int baud) => baud switch
    {
        1200 => 9, 2400 => 11, 4800 => 12, 9600 => 13, 19200 => 14, 38400 => 15, 57600 => 0x1001, 115200 => 0x1002,
        _ => 0,
    };

    public static string LastError() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
