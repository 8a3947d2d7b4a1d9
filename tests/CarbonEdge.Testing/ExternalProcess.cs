using System.Diagnostics;

namespace CarbonEdge.Testing;

/// <summary>
/// A program the test started (a server, a simulator, the gateway), its output appended to a log file.
/// Disposing kills it with its process tree.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logLock = new();

    private ExternalProcess(Process process, string logPath, StreamWriter log)
    {
        _process = process;
        LogPath = logPath;
        _log = log;
    }

    /// <summary>The file stdout and stderr go to.</summary>
    public string LogPath { get; }

    /// <summary>Operating-system process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Exit code; only after <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>; output goes to <paramref name="logPath"/>.</summary>
    /// <exception cref="InvalidOperationException">The program is not installed (names the package to install).</exception>
    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, string logPath,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Tools.Resolve(fileName))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(logPath)!,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ExternalProcess(process, logPath, log);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        log.WriteLine($"# {DateTime.UtcNow:O} start: {fileName} {string.Join(' ', info.ArgumentList)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_logLock)
        {
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Writes <paramref name="line"/> and a newline to the program's standard input and closes it.</summary>
    public async Task WriteInputAndCloseAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        _process.StandardInput.Close();
    }

    /// <summary>Reads the log written so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Waits until the log contains <paramref name="text"/> (a "serving" or "ready" line, a SUBACK).</summary>
    /// <exception cref="InvalidOperationException">The process ended first; the message holds its log.</exception>
    /// <exception cref="TimeoutException"><paramref name="timeout"/> passed first.</exception>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        string name = Path.GetFileName(_process.StartInfo.FileName);
        await Poll.UntilAsync($"'{text}' from {name}", timeout, () =>
        {
            if (ReadLog().Contains(text, StringComparison.Ordinal)) return true;
            if (_process.HasExited) throw new InvalidOperationException($"{name} exited before '{text}': {ReadLog()}");
            return false;
        });
    }

    /// <summary>Sends a POSIX signal (e.g. 9 for SIGKILL, 15 for SIGTERM) and waits for the exit.</summary>
    public async Task SignalAsync(int signal, TimeSpan timeout)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to end by itself and for its last output to reach the log.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process tree if still running.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        lock (_logLock)
        {
            _log.Dispose();
        }
        _process.Dispose();
    }
}
