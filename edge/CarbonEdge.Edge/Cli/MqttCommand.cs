using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CarbonEdge.Protocols.Mqtt;
using CarbonEdge.Protocols.Mqtt.Channel;
using CarbonEdge.Protocols.Mqtt.Client;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge mqtt pub</c> and <c>cedge mqtt sub</c>: field-engineer tools in the manner of mosquitto_pub / mosquitto_sub,
/// on the CarbonEdge MQTT client. Exit status: 0 done, 1 publish or connection failure, 2 bad arguments, 3 the broker
/// refused the connection (its reason code is printed).
/// </summary>
internal static class MqttCommand
{
    private const int Refused = 3;

    public static Command Create()
    {
        var mqtt = new Command("mqtt", "Publish and subscribe on an MQTT broker (like mosquitto_pub / mosquitto_sub)");
        mqtt.Subcommands.Add(CreatePublish());
        mqtt.Subcommands.Add(CreateSubscribe());
        return mqtt;
    }

    private static Command CreatePublish()
    {
        var connection = new ConnectionOptions("cedge-pub");
        var topic = new Option<string>("--topic", "-t") { Description = "Topic to publish on", Required = true };
        var message = new Option<string>("--message", "-m") { Description = "Payload (UTF-8 text)" };
        var stdinLines = new Option<bool>("--stdin-lines", "-l") { Description = "Publish each line of standard input as one message (blank lines are skipped); exits once every QoS>0 message is acknowledged" };
        var qos = QosOption();
        var retain = new Option<bool>("--retain", "-r") { Description = "Ask the broker to retain the message" };
        var maxInflight = new Option<int>("--max-inflight") { Description = "QoS 1/2 messages unacknowledged at once", DefaultValueFactory = _ => 64 };
        var command = new Command("pub", "Publish a message (-m) or every line of standard input (--stdin-lines)");
        connection.AddTo(command);
        foreach (var option in new Option[] { topic, message, stdinLines, qos, retain, maxInflight }) command.Options.Add(option);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            bool lines = result.GetValue(stdinLines);
            string? text = result.GetValue(message);
            if (lines == (text is not null)) return Usage("give exactly one of -m MESSAGE and --stdin-lines");
            if (!MqttTopic.IsValidTopicName(result.GetValue(topic)!)) return Usage($"'{result.GetValue(topic)}' is not a topic one may publish to (no + or #)");
            if (!connection.TryBuild(result, out var options, out string? problem)) return Usage(problem!);
            options.MaxInflight = Math.Clamp(result.GetValue(maxInflight), 1, 65535);
            var template = new MqttApplicationMessage(result.GetValue(topic)!, ReadOnlyMemory<byte>.Empty)
            {
                QualityOfService = (MqttQualityOfServiceLevel)result.GetValue(qos),
                Retain = result.GetValue(retain),
            };
            return await RunAsync(options, client => lines
                ? PublishLinesAsync(client, template, options.MaxInflight + options.MaxPendingPublishes, cancellationToken)
                : PublishOneAsync(client, template with { Payload = Encoding.UTF8.GetBytes(text!) }, cancellationToken), cancellationToken);
        });
        return command;
    }

    private static Command CreateSubscribe()
    {
        var connection = new ConnectionOptions("cedge-sub");
        var topic = new Option<string[]>("--topic", "-t") { Description = "Topic filter (+ and # wildcards, $share/GROUP/FILTER); repeat for more", Required = true, AllowMultipleArgumentsPerToken = false };
        var qos = QosOption();
        var count = new Option<int>("--count", "-C") { Description = "Exit after this many messages" };
        var persistent = new Option<bool>("--disable-clean-session", "-c") { Description = "Keep the session on the broker (needs -i): messages sent while offline arrive on the next run" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print the topic before each payload" };
        var command = new Command("sub", "Subscribe and print each message's payload on its own line");
        connection.AddTo(command);
        foreach (var option in new Option[] { topic, qos, count, persistent, verbose }) command.Options.Add(option);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            string[] filters = result.GetValue(topic) ?? [];
            if (filters.FirstOrDefault(f => !MqttTopic.IsValidTopicFilter(f)) is { } bad) return Usage($"'{bad}' is not a valid topic filter");
            if (!connection.TryBuild(result, out var options, out string? problem)) return Usage(problem!);
            options.CleanSession = !result.GetValue(persistent);
            if (!options.CleanSession && result.GetValue(connection.ClientId) is null) return Usage("-c keeps a session for a client id: give one with -i");
            var level = (MqttQualityOfServiceLevel)result.GetValue(qos);
            return await RunAsync(options, client => SubscribeAsync(client, filters.Select(f => new MqttTopicFilter(f, level)).ToArray(),
                result.GetValue(count), result.GetValue(verbose), cancellationToken), cancellationToken);
        });
        return command;
    }

    private static Option<int> QosOption()
    {
        var qos = new Option<int>("--qos", "-q") { Description = "Quality of service 0, 1 or 2", DefaultValueFactory = _ => 0 };
        qos.AcceptOnlyFromAmong("0", "1", "2");
        return qos;
    }

    /// <summary>Connects, runs <paramref name="work"/>, disconnects; turns the library's errors into messages and exit codes.</summary>
    private static async Task<int> RunAsync(MqttClientOptions options, Func<MqttClient, Task<int>> work, CancellationToken cancellationToken)
    {
        string target = $"{(options.Tls is null ? "mqtt" : "mqtts")}://{options.Host}:{options.Port}";
        await using var client = new MqttClient(options);
        client.DisconnectedAsync += e =>
        {
            if (!e.ClientInitiated) Console.Error.WriteLine($"connection to {target} lost: {e.Exception?.Message}{(e.WillReconnect ? " (reconnecting)" : "")}");
            return Task.CompletedTask;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            int status = await work(client);
            await client.DisconnectAsync(CancellationToken.None);
            return status;
        }
        catch (MqttConnectException ex)
        {
            await Console.Error.WriteLineAsync($"error: {target}: {ex.Message}");
            await Console.Error.WriteLineAsync(ex.ReasonCode switch
            {
                Protocols.Mqtt.Packets.MqttConnectReasonCode.BadUserNameOrPassword or Protocols.Mqtt.Packets.MqttConnectReasonCode.NotAuthorized =>
                    "hint: check -u/-P (or the client certificate) against the broker's password file and ACL",
                Protocols.Mqtt.Packets.MqttConnectReasonCode.UnsupportedProtocolVersion => "hint: try the other protocol version with -V 311 or -V 5",
                Protocols.Mqtt.Packets.MqttConnectReasonCode.ClientIdentifierNotValid => "hint: choose another client id with -i",
                _ => "hint: see the broker's log for why it refused",
            });
            return Refused;
        }
        catch (MqttCommunicationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            await Console.Error.WriteLineAsync("hint: check --url (host and port), that the broker runs, and for mqtts:// --cafile/--cert/--key");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static async Task<int> PublishOneAsync(MqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await client.PublishAsync(message, cancellationToken);
            await Console.Error.WriteLineAsync(message.QualityOfService == MqttQualityOfServiceLevel.AtMostOnce
                ? $"published 1 message on {message.Topic} (QoS 0)"
                : $"published 1 message on {message.Topic} (QoS {(int)message.QualityOfService}, acknowledged: {result.ReasonCode})");
            return 0;
        }
        catch (MqttPublishException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// One message per input line. The client keeps its inflight window full; up to <paramref name="window"/> further
    /// messages wait in its queue so the writer always has the next ones at hand. Returns once every QoS 1/2 message is
    /// acknowledged (QoS 0: once every one is written, at DISCONNECT).
    /// </summary>
    private static async Task<int> PublishLinesAsync(MqttClient client, MqttApplicationMessage template, int window, CancellationToken cancellationToken)
    {
        await using var input = Console.OpenStandardInput();
        var pending = new Queue<Task<MqttPublishResult>>(window);
        long published = 0, failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await foreach (var line in ReadLinesAsync(input, cancellationToken))
        {
            if (line.IsEmpty) continue; // as mosquitto_pub -l: blank lines are not sent
            var publish = client.PublishAsync(template with { Payload = line }, cancellationToken);
            published++;
            if (template.QualityOfService == MqttQualityOfServiceLevel.AtMostOnce)
            {
                if (!publish.IsCompletedSuccessfully) await publish;
                continue;
            }
            pending.Enqueue(publish);
            while (pending.Count >= window || (pending.Count > 0 && pending.Peek().IsCompleted)) Collect(await Outcome(pending.Dequeue()));
        }
        while (pending.Count > 0) Collect(await Outcome(pending.Dequeue()));
        double seconds = clock.Elapsed.TotalSeconds;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"published {published} messages on {template.Topic} (QoS {(int)template.QualityOfService}) in {seconds:0.00} s, {published / Math.Max(seconds, 1e-9):0} msg/s, {failed} refused"));
        if (firstError is not null) await Console.Error.WriteLineAsync($"error: {firstError}");
        return failed == 0 ? 0 : 1;

        void Collect(string? error)
        {
            if (error is null) return;
            failed++;
            firstError ??= error;
        }
    }

    /// <summary>
    /// The lines of <paramref name="input"/> as byte slices (without the LF or CRLF), cut from 64 KiB chunks: no string
    /// and no copy per line. A chunk stays alive while a message holds a slice of it.
    /// </summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(Stream input,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[] chunk = new byte[1 << 16];
        int start = 0, end = 0;
        while (true)
        {
            if (end == chunk.Length)
            {
                byte[] next = new byte[Math.Max(chunk.Length, (end - start) * 2)];
                chunk.AsSpan(start, end - start).CopyTo(next);
                (chunk, end, start) = (next, end - start, 0);
            }
            int read = await input.ReadAsync(chunk.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                if (end > start) yield return WithoutCr(chunk.AsMemory(start, end - start));
                yield break;
            }
            end += read;
            int newline;
            while ((newline = chunk.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                yield return WithoutCr(chunk.AsMemory(start, newline));
                start += newline + 1;
            }
        }

        static ReadOnlyMemory<byte> WithoutCr(ReadOnlyMemory<byte> line) => line.Span is [.., (byte)'\r'] ? line[..^1] : line;
    }

    private static async Task<string?> Outcome(Task<MqttPublishResult> publish)
    {
        try
        {
            await publish;
            return null;
        }
        catch (MqttPublishException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<int> SubscribeAsync(MqttClient client, MqttTopicFilter[] filters, int count, bool verbose, CancellationToken cancellationToken)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        var gate = new object();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long received = 0;
        client.MessageReceivedAsync += e =>
        {
            long n = Interlocked.Increment(ref received);
            if (count > 0 && n > count) return Task.CompletedTask;
            string payload = Encoding.UTF8.GetString(e.Message.Payload.Span);
            lock (gate)
            {
                if (verbose)
                {
                    output.Write(e.Message.Topic);
                    output.Write(' ');
                }
                output.WriteLine(payload);
                if (count > 0 && n == count)
                {
                    output.Flush();
                    enough.TrySetResult();
                }
            }
            return Task.CompletedTask;
        };
        var result = await client.SubscribeAsync(filters, cancellationToken);
        foreach (var item in result.Items.Where(i => !i.IsSuccess))
            await Console.Error.WriteLineAsync($"error: the broker refused the subscription to '{item.Filter.Filter}': {item.ReasonCode} (0x{(byte)item.ReasonCode:X2})");
        if (!result.IsSuccess) return 1;
        using var flushEvery = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var stop = Task.WhenAny(enough.Task, Task.Delay(Timeout.Infinite, cancellationToken));
        while (!stop.IsCompleted)
        {
            await Task.WhenAny(stop, flushEvery.WaitForNextTickAsync(CancellationToken.None).AsTask());
            lock (gate) output.Flush();
        }
        lock (gate) output.Flush();
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        return 2;
    }

    /// <summary>The connection options pub and sub share: --url, -V, -u/-P, --cafile/--cert/--key, -i.</summary>
    private sealed class ConnectionOptions(string clientIdPrefix)
    {
        public Option<string> Url { get; } = new("--url") { Description = "Broker: mqtt://HOST:PORT or mqtts://HOST:PORT (TLS)", Required = true };
        public Option<string> Version { get; } = VersionOption();
        public Option<string?> Username { get; } = new("--username", "-u") { Description = "User name" };
        public Option<string?> Password { get; } = new("--pw", "-P") { Description = "Password" };
        public Option<string?> CaFile { get; } = new("--cafile") { Description = "PEM file of the CA that signed the broker's certificate (mqtts://); default: the system store" };
        public Option<string?> Cert { get; } = new("--cert") { Description = "PEM client certificate (with --key)" };
        public Option<string?> Key { get; } = new("--key") { Description = "PEM private key of --cert" };
        public Option<string?> ClientId { get; } = new("--id", "-i") { Description = "Client id (default: a random one)" };

        private static Option<string> VersionOption()
        {
            var version = new Option<string>("--protocol-version", "-V") { Description = "MQTT protocol version: 311 or 5", DefaultValueFactory = _ => "311" };
            version.AcceptOnlyFromAmong("311", "5");
            return version;
        }

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Url, Version, Username, Password, CaFile, Cert, Key, ClientId }) command.Options.Add(option);
        }

        public bool TryBuild(ParseResult result, out MqttClientOptions options, out string? problem)
        {
            options = null!;
            problem = null;
            try
            {
                options = MqttClientOptions.FromUrl(result.GetValue(Url)!);
                options.ProtocolVersion = result.GetValue(Version) == "5" ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
                options.ClientId = result.GetValue(ClientId) ?? $"{clientIdPrefix}-{Random.Shared.Next(0, int.MaxValue):x8}";
                options.Username = result.GetValue(Username) ?? options.Username;
                options.Password = result.GetValue(Password) ?? options.Password;
                string? ca = result.GetValue(CaFile), cert = result.GetValue(Cert), key = result.GetValue(Key);
                if (ca is not null || cert is not null || key is not null)
                {
                    if (options.Tls is null) throw new ArgumentException("--cafile, --cert and --key need an mqtts:// URL");
                    var server = options.Tls.ServerName;
                    options.Tls = MqttTlsOptions.FromPemFiles(ca, cert, key);
                    options.Tls.ServerName = server;
                }
                options.Validate();
                return true;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
            {
                problem = ex.Message;
                return false;
            }
        }
    }
}
