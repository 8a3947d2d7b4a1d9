using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CarbonEdge.Testing;

/// <summary>Settings of a test broker beyond the plain anonymous listener.</summary>
public sealed class MosquittoOptions
{
    /// <summary>Allow clients without username (default true).</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>A mosquitto password file (made with <c>mosquitto_passwd</c>), or null.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>A mosquitto ACL file, or null.</summary>
    public string? AclFile { get; init; }

    /// <summary>Further lines appended to the generated <c>mosquitto.conf</c> (e.g. a TLS listener).</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];
}

/// <summary>
/// A real mosquitto 2.x broker on 127.0.0.1 and a free port, with persistence under its own run folder.
/// Config as in RUNBOOK.md. <see cref="RestartAsync"/> stops it with SIGTERM (which writes mosquitto.db, so
/// persistent sessions survive) and starts it again on the same port.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly RunFolder _folder;
    private readonly string _configPath;
    private ExternalProcess? _process;

    private MosquittoBroker(RunFolder folder, int port, string configPath)
    {
        _folder = folder;
        Port = port;
        _configPath = configPath;
    }

    /// <summary>The listener port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Host to connect to.</summary>
    public string Host => "127.0.0.1";

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>The broker's own log file.</summary>
    public string LogPath => _folder.File("mosquitto.log");

    /// <summary>The broker's log so far (<c>log_type all</c>: every packet), read while mosquitto writes it.</summary>
    public string ReadLog() => TryRead(LogPath);

    /// <summary>The run folder (config, data, log).</summary>
    public RunFolder Folder => _folder;

    /// <summary>Generates a config and starts mosquitto; returns once the listener accepts connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(string name = "mosquitto", MosquittoOptions? options = null,
        int? port = null)
    {
        options ??= new MosquittoOptions();
        var folder = RunFolder.Create(name);
        int listenPort = port ?? FreePort.Next();
        var conf = new StringBuilder();
        conf.AppendLine("user root");
        conf.AppendLine("per_listener_settings false");
        conf.AppendLine("persistence true");
        conf.AppendLine(CultureInfo.InvariantCulture, $"persistence_location {folder.Folder("data")}/");
        conf.AppendLine(CultureInfo.InvariantCulture, $"log_dest file {folder.File("mosquitto.log")}");
        conf.AppendLine("log_type all");
        conf.AppendLine("max_queued_messages 200000");
        conf.AppendLine("max_inflight_messages 100");
        conf.AppendLine(CultureInfo.InvariantCulture, $"listener {listenPort} 127.0.0.1");
        conf.AppendLine(options.AllowAnonymous ? "allow_anonymous true" : "allow_anonymous false");
        if (options.PasswordFile is not null) conf.AppendLine(CultureInfo.InvariantCulture, $"password_file {options.PasswordFile}");
        if (options.AclFile is not null) conf.AppendLine(CultureInfo.InvariantCulture, $"acl_file {options.AclFile}");
        foreach (string line in options.ExtraLines) conf.AppendLine(line);
        string configPath = folder.File("mosquitto.conf");
        await File.WriteAllTextAsync(configPath, conf.ToString());
        var broker = new MosquittoBroker(folder, listenPort, configPath);
        await broker.StartProcessAsync();
        return broker;
    }

    private async Task StartProcessAsync()
    {
        _process = ExternalProcess.Start("mosquitto", ["-c", _configPath], _folder.File("mosquitto.stdout.log"));
        await WaitForListenerAsync(Port, () => _process.HasExited
            ? $"mosquitto exited with {_process.ExitCode}: {_process.ReadLog()} {TryRead(LogPath)}"
            : null);
    }

    /// <summary>Stops the broker (SIGTERM, persistence written) and starts it again on the same port.</summary>
    public async Task RestartAsync(TimeSpan? downtime = null)
    {
        await StopAsync();
        if (downtime is { } d) await Task.Delay(d);
        await StartProcessAsync();
    }

    /// <summary>Stops the broker with SIGTERM; <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        await _process.SignalAsync(15, TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>Starts the broker again after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    /// <summary>Sends SIGHUP (reloads password and ACL files).</summary>
    public Task ReloadAsync() => _process?.SignalAsync(1, TimeSpan.Zero) ?? Task.CompletedTask;

    internal static async Task WaitForListenerAsync(int port, Func<string?> failure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (failure() is { } message) throw new InvalidOperationException(message);
                await Task.Delay(50);
            }
        }
    }

    internal static string TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Stops the broker.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();
}
