using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Modbus.Transport;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// A Modbus RTU server (slave) on one byte channel, normally a <see cref="SerialChannel"/>: answers the
/// units its <see cref="IModbusDataStore"/> has, ignores the others (as a device on a shared RS-485 bus must), carries
/// out broadcasts without answering, drops frames with a bad CRC, and shows the faults switched on in <see cref="Faults"/>.
/// </summary>
/// <remarks>Modbus over Serial Line V1.02 §2.4.2 (slave state diagram).</remarks>
public sealed class ModbusRtuServer : IAsyncDisposable
{
    private readonly IByteChannel _channel;
    private readonly ServerEngine _engine;
    private readonly TimeSpan _frameGap;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <summary>Creates a server on <paramref name="channel"/> (which it owns); <paramref name="frameGap"/> is t3.5 of the line.</summary>
    public ModbusRtuServer(IByteChannel channel, IModbusDataStore store, TimeSpan frameGap, ModbusServerFaults? faults = null, TimeProvider? timeProvider = null)
    {
        _channel = channel;
        _time = timeProvider ?? TimeProvider.System;
        Faults = faults ?? new ModbusServerFaults();
        _engine = new ServerEngine(store, Faults, Statistics, _time);
        // A user-space reader cannot time a 1.75 ms gap reliably: never judge a frame complete on less than 5 ms of silence.
        _frameGap = frameGap < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : frameGap;
    }

    /// <summary>Fault injection switches.</summary>
    public ModbusServerFaults Faults { get; }

    /// <summary>Request, response and error counters.</summary>
    public ModbusServerStatistics Statistics { get; } = new();

    /// <summary>Opens the channel and starts serving.</summary>
    /// <exception cref="ModbusConnectionException">The port cannot be opened or refuses its settings.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _channel.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelException ex)
        {
            throw new ModbusConnectionException(ex.Message, ex);
        }
        _loop = ServeAsync(_stopping.Token);
    }

    /// <summary>Completes when serving ends (stopped, or the line failed: then with its error).</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await RtuServerLoop.RunAsync(_channel, _engine, _frameGap, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops serving and closes the channel.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (ChannelException)
        {
            // the line had already failed
        }
        _channel.Close();
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
