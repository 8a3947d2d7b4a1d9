using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CarbonEdge.Protocols.BrokerLink;

/// <summary>What happened on a connect: first or again, and whether the broker still had the session.</summary>
/// <param name="IsReconnect">True after the first connect.</param>
/// <param name="SessionPresent">The broker kept the session (subscriptions, queued QoS 1 messages).</param>
public readonly record struct BrokerConnected(bool IsReconnect, bool SessionPresent);

/// <summary>
/// An MQTTnet client kept connected: <see cref="StartAsync"/> connects (retrying with <see cref="ReconnectDelay"/>),
/// then a loop of ours reconnects whenever the link drops (MQTTnet 5 has no managed client) and raises
/// <see cref="Connected"/> each time, so the owner can subscribe again and republish. A refusal (CONNACK reason code,
/// untrusted certificate) is kept in <see cref="LastRefusal"/> and reported through the failure callback with its
/// reason code, never as a silent retry loop.
/// </summary>
/// <remarks>MQTT 3.1.1 §3.1, §3.2 (CONNECT, CONNACK); MQTT 5.0 §3.1, §3.2.</remarks>
public sealed class BrokerLink : IAsyncDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private readonly MqttClientOptions _options;
    private readonly BrokerTrust _trust;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _dropped = new(0);
    private Action<Exception, TimeSpan>? _onFailure;
    private Task? _loop;

    /// <summary>Creates the link (nothing connects until <see cref="StartAsync"/>).</summary>
    /// <exception cref="FormatException">Bad URL.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">A PEM file cannot be read.</exception>
    public BrokerLink(BrokerSettings settings, TimeProvider? timeProvider = null)
    {
        Settings = settings;
        _trust = new BrokerTrust(settings.CaFile);
        _options = settings.Build(_trust);
        _time = timeProvider ?? TimeProvider.System;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.DisconnectedAsync += _ =>
        {
            _dropped.Release();
            return Task.CompletedTask;
        };
    }

    /// <summary>The settings.</summary>
    public BrokerSettings Settings { get; }

    /// <summary>The MQTTnet client: publish, subscribe, receive.</summary>
    public IMqttClient Client { get; }

    /// <summary>True while connected.</summary>
    public bool IsConnected => Client.IsConnected;

    /// <summary>Longest wait between connect attempts (default 30 s).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Why the broker last refused the link (with the reason code), or null since the last successful connect.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>Raised after every successful connect (on the loop's thread, awaited before the next reconnect).</summary>
    public event Func<BrokerConnected, Task>? Connected;

    /// <summary>
    /// Connects, retrying until it succeeds or <paramref name="cancellationToken"/> is cancelled; <paramref name="onFailure"/>
    /// gets each failure (a <see cref="BrokerRefusedException"/> for a refusal) and the wait before the next attempt.
    /// Then keeps the link up in the background until <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task<BrokerConnected> StartAsync(Action<Exception, TimeSpan> onFailure, CancellationToken cancellationToken)
    {
        _onFailure = onFailure;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var first = await ConnectWithRetryAsync(false, linked.Token).ConfigureAwait(false);
        _loop = KeepConnectedAsync(_stopping.Token);
        return first;
    }

    /// <summary>One connect attempt, no retry (for <c>cedge check</c>).</summary>
    /// <exception cref="BrokerRefusedException">Refused: bad credentials, not authorized, certificate not trusted.</exception>
    /// <exception cref="MqttCommunicationException">Unreachable or the connection broke.</exception>
    public async Task<BrokerConnected> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await Client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success) throw Refused(result.ResultCode, null);
            LastRefusal = null;
            return new BrokerConnected(false, result.IsSessionPresent);
        }
        catch (MqttConnectingFailedException ex)
        {
            throw Refused(CodeIn(ex), ex);
        }
        catch (MqttCommunicationException ex) when (_trust.LastRefusal is { } tls && ex.GetBaseException() is AuthenticationException)
        {
            LastRefusal = $"{Settings.Url}: {tls}";
            throw new BrokerRefusedException("CertificateNotTrusted", LastRefusal, ex);
        }
    }

    /// <summary>MQTTnet 5 names the CONNACK reason code only in the message, e.g. "... failed (BadUserNameOrPassword).".</summary>
    private static MqttClientConnectResultCode CodeIn(MqttConnectingFailedException ex)
    {
        foreach (var name in Enum.GetNames<MqttClientConnectResultCode>())
        {
            if (name != nameof(MqttClientConnectResultCode.Success) && ex.Message.Contains(name, StringComparison.Ordinal)) return Enum.Parse<MqttClientConnectResultCode>(name);
        }
        return MqttClientConnectResultCode.UnspecifiedError;
    }

    private BrokerRefusedException Refused(MqttClientConnectResultCode code, Exception? inner)
    {
        string advice = code switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "check mqtt.username and mqtt.password",
            MqttClientConnectResultCode.NotAuthorized => "bad username or password (mosquitto answers those with NotAuthorized) or not allowed; check mqtt.username, mqtt.password and the broker's ACL",
            MqttClientConnectResultCode.ClientIdentifierNotValid => "check mqtt.clientId",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => "set mqtt.protocolVersion to one the broker speaks",
            _ => "check the broker's log",
        };
        LastRefusal = $"{Settings.Url} refused the connection: {code} (0x{(int)code:X2}); {advice}";
        return new BrokerRefusedException(code.ToString(), LastRefusal, inner);
    }

    private async Task<BrokerConnected> ConnectWithRetryAsync(bool reconnect, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var connected = await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
                connected = connected with { IsReconnect = reconnect };
                if (Connected is { } handler) await handler(connected).ConfigureAwait(false);
                return connected;
            }
            // any failure of an attempt (refusal, network, MQTTnet itself, the owner's Connected handler) is reported and
            // retried: the loop must not end while the link is wanted
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = ReconnectDelay.Of(attempt, FirstDelay, MaxReconnectDelay, Random.Shared);
                _onFailure?.Invoke(ex, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task KeepConnectedAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await _dropped.WaitAsync(stopping).ConfigureAwait(false);
                while (_dropped.CurrentCount > 0) await _dropped.WaitAsync(stopping).ConfigureAwait(false);
                if (Client.IsConnected) continue;
                await ConnectWithRetryAsync(true, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // disposed
        }
    }

    /// <summary>Disconnects cleanly (no Last Will), within <paramref name="cancellationToken"/>; the link stays down.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the loop and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        Client.Dispose();
        _stopping.Dispose();
        _dropped.Dispose();
    }
}
