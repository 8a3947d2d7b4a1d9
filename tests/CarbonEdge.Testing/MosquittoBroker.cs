using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace CarbonEdge.Testing;

/// <summary>
/// Settings of a test broker. The default is the production shape: MQTT over TLS (the run's <see cref="TestCertificates.Shared"/>),
/// anonymous access off and the run's <see cref="MosquittoAccount.Standard"/> accounts in a password file.
/// </summary>
public sealed class MosquittoOptions
{
    /// <summary>Plain MQTT with anonymous access, only for what speaks nothing else (the terminal firmware) or tests about plain MQTT.</summary>
    public static MosquittoOptions PlainAnonymous => new() { Tls = false, AllowAnonymous = true, StandardAccounts = false };

    /// <summary>The listener speaks MQTT over TLS with the run's shared certificates (default true).</summary>
    public bool Tls { get; init; } = true;

    /// <summary>Allow clients without username (default false).</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>The run's standard accounts (cloud, gateway, tester) when <see cref="PasswordFile"/> is null (default true).</summary>
    public bool StandardAccounts { get; init; } = true;

    /// <summary>A mosquitto password file (made with <c>mosquitto_passwd</c>) in place of the standard accounts, or null.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>A mosquitto ACL file, or null (every authenticated client may use every topic).</summary>
    public string? AclFile { get; init; }

    /// <summary>Further lines appended to the generated <c>mosquitto.conf</c> (e.g. a second listener, a plugin).</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];
}

/// <summary>
/// A real mosquitto 2.x broker on 127.0.0.1 and a free port, with persistence under its own run folder.
/// Config as in RUNBOOK.md; by default TLS with anonymous access off (see <see cref="MosquittoOptions"/>): clients take
/// <see cref="CaFile"/> and an account, e.g. through <see cref="MqttConfig"/> or <see cref="ClientArguments"/>. <see cref="RestartAsync"/> stops it with SIGTERM (which writes mosquitto.db, so
/// persistent sessions survive) and starts it again on the same port.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly RunFolder _folder;
    private readonly string _configPath;
    private ExternalProcess? _process;

    private MosquittoBroker(RunFolder folder, int port, string configPath, TestCertificates? certificates, bool standardAccounts)
    {
        _folder = folder;
        Port = port;
        _configPath = configPath;
        Certificates = certificates;
        HasStandardAccounts = standardAccounts;
    }

    /// <summary>The listener port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Host to connect to.</summary>
    public string Host => "127.0.0.1";

    /// <summary><c>mqtts://127.0.0.1:port</c> (TLS, the default) or <c>mqtt://127.0.0.1:port</c>; credentials are not in it.</summary>
    public string Url => $"{(Tls ? "mqtts" : "mqtt")}://127.0.0.1:{Port}";

    /// <summary>True when the listener speaks TLS.</summary>
    public bool Tls => Certificates is not null;

    /// <summary>The certificates the TLS listener serves (the run's shared ones), or null for plain MQTT.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>PEM of the CA that signed the broker's certificate, or null for plain MQTT.</summary>
    public string? CaFile => Certificates?.CaFile;

    /// <summary>True when the broker knows <see cref="MosquittoAccount.Standard"/>.</summary>
    public bool HasStandardAccounts { get; }

    /// <summary>
    /// The <c>mqtt</c> section of a <c>cedge</c> or <c>cedge-cloud</c> config for <paramref name="account"/> (default
    /// <see cref="MosquittoAccount.Gateway"/>): <c>url</c>, <c>caFile</c> when TLS, <c>username</c> and <c>password</c>
    /// when the broker has the standard accounts; add <c>clientId</c>, <c>keepAliveSeconds</c>... to it.
    /// </summary>
    public JsonObject MqttConfig(MosquittoAccount? account = null)
    {
        var mqtt = new JsonObject { ["url"] = Url };
        if (CaFile is not null) mqtt["caFile"] = CaFile;
        if (HasStandardAccounts)
        {
            account ??= MosquittoAccount.Gateway;
            mqtt["username"] = account.Username;
            mqtt["password"] = account.Password;
        }
        return mqtt;
    }

    /// <summary><see cref="Url"/> with <paramref name="account"/> (default <see cref="MosquittoAccount.Tester"/>) as user info, for <c>--mqtt URL</c> options.</summary>
    public string UrlWith(MosquittoAccount? account = null)
    {
        if (!HasStandardAccounts) return Url;
        account ??= MosquittoAccount.Tester;
        return $"{(Tls ? "mqtts" : "mqtt")}://{Uri.EscapeDataString(account.Username)}:{Uri.EscapeDataString(account.Password)}@127.0.0.1:{Port}";
    }

    /// <summary>
    /// Connection arguments of <c>mosquitto_sub</c>/<c>mosquitto_pub</c>: <c>-h 127.0.0.1 -p PORT</c>, <c>--cafile CA</c> when TLS
    /// and <c>-u USER -P PASSWORD</c> of <paramref name="account"/> (default <see cref="MosquittoAccount.Tester"/>) when the
    /// broker has the standard accounts.
    /// </summary>
    public IReadOnlyList<string> ClientArguments(MosquittoAccount? account = null)
    {
        var arguments = new List<string> { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) };
        if (CaFile is not null) arguments.AddRange(["--cafile", CaFile]);
        if (HasStandardAccounts)
        {
            account ??= MosquittoAccount.Tester;
            arguments.AddRange(["-u", account.Username, "-P", account.Password]);
        }
        return arguments;
    }

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
        var certificates = options.Tls ? TestCertificates.Shared : null;
        if (certificates is not null)
        {
            conf.AppendLine(CultureInfo.InvariantCulture, $"cafile {certificates.CaFile}");
            conf.AppendLine(CultureInfo.InvariantCulture, $"certfile {certificates.ServerCertFile}");
            conf.AppendLine(CultureInfo.InvariantCulture, $"keyfile {certificates.ServerKeyFile}");
        }
        conf.AppendLine(options.AllowAnonymous ? "allow_anonymous true" : "allow_anonymous false");
        bool standardAccounts = options.PasswordFile is null && options.StandardAccounts;
        string? passwordFile = options.PasswordFile ?? (standardAccounts ? await MosquittoPasswordFile.StandardAsync() : null);
        if (passwordFile is not null) conf.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        if (options.AclFile is not null) conf.AppendLine(CultureInfo.InvariantCulture, $"acl_file {options.AclFile}");
        foreach (string line in options.ExtraLines) conf.AppendLine(line);
        string configPath = folder.File("mosquitto.conf");
        await File.WriteAllTextAsync(configPath, conf.ToString());
        var broker = new MosquittoBroker(folder, listenPort, configPath, certificates, standardAccounts);
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

    /// <summary>Waits until mosquitto logs a SUBSCRIBE from <paramref name="clientId"/> (the broker logs it before the SUBACK).</summary>
    /// <exception cref="TimeoutException">No such SUBSCRIBE within <paramref name="timeout"/> (default 20 s).</exception>
    public Task WaitForSubscriptionAsync(string clientId, TimeSpan? timeout = null) =>
        Poll.UntilAsync($"a SUBSCRIBE from {clientId}", timeout ?? TimeSpan.FromSeconds(20),
            () => ReadLog().Contains($"Received SUBSCRIBE from {clientId}", StringComparison.Ordinal));

    private static Task WaitForListenerAsync(int port, Func<string?> failure, TimeSpan? timeout = null) =>
        Poll.UntilAsync($"a listener on 127.0.0.1:{port}", timeout ?? TimeSpan.FromSeconds(20), async () =>
        {
            if (failure() is { } message) throw new InvalidOperationException(message);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        });

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
