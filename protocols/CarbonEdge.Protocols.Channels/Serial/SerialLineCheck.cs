using System.Runtime.InteropServices;

namespace CarbonEdge.Protocols.Channels;

/// <summary>
/// Reads a serial port's line settings back after System.IO.Ports applied them, which it does not do itself: a pty
/// (socat) takes parity without complaint and keeps none (test SerialChannelTests.SystemIOPortsOpensAPtyWithParityItDoesNotKeep).
/// The settings belong to the tty, so a second descriptor, opened and closed here, sees them. Linux x86-64 and arm64
/// glibc: <c>struct termios</c> read as raw bytes, c_cflag at offset 8.
/// </summary>
/// <remarks>POSIX.1-2017 General Terminal Interface (termios.h, tcgetattr); constants from Linux asm-generic/termbits.h.</remarks>
internal static partial class SerialLineCheck
{
    private const int O_RDONLY = 0, O_NOCTTY = 0x100, TermiosSize = 64, CflagOffset = 8;
    private const uint CSIZE = 0x30, CS8 = 0x30, CS7 = 0x20, CSTOPB = 0x40, PARENB = 0x100, PARODD = 0x200;

    /// <summary>The setting the port did not keep ("parity", "data bits", "stop bits"), or null when all were kept or the port cannot be asked.</summary>
    public static unsafe string? SettingNotKept(SerialPortOptions options)
    {
        int fd = Open(options.Path, O_RDONLY | O_NOCTTY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
        if (fd < 0) return null;
        try
        {
            byte* termios = stackalloc byte[TermiosSize];
            if (TcGetAttr(fd, termios) != 0) return null;
            uint cflag = *(uint*)(termios + CflagOffset);
            uint parity = options.Parity switch { SerialParity.Even => PARENB, SerialParity.Odd => PARENB | PARODD, _ => 0 };
            if ((cflag & (PARENB | PARODD)) != parity) return "parity";
            if ((cflag & CSIZE) != (options.DataBits == 8 ? CS8 : CS7)) return "data bits";
            return ((cflag & CSTOPB) != 0) != (options.StopBits == 2) ? "stop bits" : null;
        }
        finally
        {
            Posix.Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);
}
