using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Protocols.Modbus.Server;

/// <summary>
/// Misbehaviour a server shows on purpose, as libmodbus's test server does, so clients and the gateway can be
/// tested against slow, silent, confused and broken devices. Every switch may be changed while the server runs.
/// A request is faulted with probability <see cref="Rate"/>; a faulted request gets every switch that is on.
/// </summary>
public sealed class ModbusServerFaults
{
    private volatile Settings _settings = Settings.None;

    /// <summary>Wait this long before answering.</summary>
    public TimeSpan ResponseDelay { get => _settings.Delay; set => _settings = _settings with { Delay = value }; }

    /// <summary>Do not answer at all (the client times out).</summary>
    public bool Silent { get => _settings.Silent; set => _settings = _settings with { Silent = value }; }

    /// <summary>Answer with another unit id than the request's (unit id + 1).</summary>
    public bool WrongUnitId { get => _settings.WrongUnit; set => _settings = _settings with { WrongUnit = value }; }

    /// <summary>RTU framings: send the response with a corrupted CRC. Modbus TCP has no CRC: ignored there.</summary>
    public bool BadCrc { get => _settings.BadCrc; set => _settings = _settings with { BadCrc = value }; }

    /// <summary>Answer every request with this exception code instead of data (<see cref="ModbusExceptionCode.None"/>: off).</summary>
    public ModbusExceptionCode ExceptionCode { get => _settings.Exception; set => _settings = _settings with { Exception = value }; }

    /// <summary>When above zero, send the response one byte at a time with this gap between bytes.</summary>
    public TimeSpan DribbleDelay { get => _settings.Dribble; set => _settings = _settings with { Dribble = value }; }

    /// <summary>Fraction of requests faulted, 0-1 (default 1: all of them, when any switch is on).</summary>
    public double Rate
    {
        get => _settings.Rate;
        set => _settings = _settings with { Rate = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "rate is 0-1") };
    }

    /// <summary>Switches everything off.</summary>
    public void Clear() => _settings = Settings.None;

    /// <summary>The faults to apply to the next request: all off, or the switches as set now.</summary>
    internal Settings Draw()
    {
        var settings = _settings;
        bool any = settings.Delay > TimeSpan.Zero || settings.Silent || settings.WrongUnit || settings.BadCrc
                   || settings.Exception != ModbusExceptionCode.None || settings.Dribble > TimeSpan.Zero;
        return any && (settings.Rate >= 1 || Random.Shared.NextDouble() < settings.Rate) ? settings : Settings.None;
    }

    internal sealed record Settings(TimeSpan Delay, bool Silent, bool WrongUnit, bool BadCrc, ModbusExceptionCode Exception, TimeSpan Dribble, double Rate)
    {
        public static readonly Settings None = new(TimeSpan.Zero, false, false, false, ModbusExceptionCode.None, TimeSpan.Zero, 1.0);
    }
}
