namespace CarbonEdge.Testing;

/// <summary>
/// Two linked pseudo-terminals made by <c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>: bytes written
/// to one come out of the other, as over an RS-485 adapter pair. Baud has no timing effect and parity cannot
/// be set on a pty (RUNBOOK.md): tests use 8N1.
/// </summary>
public sealed class SocatPtyPair : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private SocatPtyPair(ExternalProcess process, string a, string b)
    {
        _process = process;
        PathA = a;
        PathB = b;
    }

    /// <summary>The first end (a symlink to /dev/pts/N).</summary>
    public string PathA { get; }

    /// <summary>The second end.</summary>
    public string PathB { get; }

    /// <summary>Starts socat and waits until both links exist.</summary>
    public static Task<SocatPtyPair> StartAsync(string name = "pty")
    {
        var folder = RunFolder.Create(name);
        return StartAtAsync(folder.File("ttyA"), folder.File("ttyB"));
    }

    /// <summary>
    /// Starts a new socat at this pair's links (after this one was disposed): the same paths come back, as a USB
    /// adapter that is plugged in again.
    /// </summary>
    public Task<SocatPtyPair> StartAgainAsync() => StartAtAsync(PathA, PathB);

    private static async Task<SocatPtyPair> StartAtAsync(string a, string b)
    {
        File.Delete(a); // links a killed socat left behind
        File.Delete(b);
        var process = ExternalProcess.Start("socat",
            ["-d", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}"], Path.Combine(Path.GetDirectoryName(a)!, "socat.log"));
        await Poll.UntilAsync("socat creating the pty pair", TimeSpan.FromSeconds(10), () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"socat exited: {process.ReadLog()}");
            return File.Exists(a) && File.Exists(b);
        }, TimeSpan.FromMilliseconds(20));
        return new SocatPtyPair(process, a, b);
    }

    /// <summary>
    /// Stops socat (both ptys close) and removes the links, as a pulled USB adapter's device path vanishes (a killed
    /// socat leaves them, and the pty numbers they name are soon another pair's).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        File.Delete(PathA);
        File.Delete(PathB);
    }
}
