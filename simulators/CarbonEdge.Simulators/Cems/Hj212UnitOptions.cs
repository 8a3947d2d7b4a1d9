namespace CarbonEdge.Simulators.Cems;

/// <summary>How the simulated data-acquisition unit behaves and misbehaves (<c>cedge-sim cems hj212</c>).</summary>
internal sealed class Hj212UnitOptions
{
    /// <summary>The platform (the gateway) to connect to.</summary>
    public required string Host { get; init; }

    /// <summary>Its port.</summary>
    public required int Port { get; init; }

    /// <summary>The unit's MN.</summary>
    public required string Mn { get; init; }

    /// <summary>The unit's PW.</summary>
    public required string Pw { get; init; }

    /// <summary>System code (31: flue gas).</summary>
    public string St { get; init; } = "31";

    /// <summary>Real-time data (2011) every this many simulated seconds.</summary>
    public int IntervalSeconds { get; init; } = 30;

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Before going live, the minute and hour records of this many past hours are sent (as a unit re-sending history).</summary>
    public double BackfillHours { get; init; }

    /// <summary>Once, after the first live minute record was answered, the link drops for this many real seconds; the records of that time are re-sent on reconnection.</summary>
    public double OutageSeconds { get; init; }

    /// <summary>Fraction of packets sent with a corrupted CRC.</summary>
    public double BadCrcRate { get; init; }

    /// <summary>Fraction of packets sent with a wrong length field.</summary>
    public double WrongLengthRate { get; init; }

    /// <summary>Fraction of packets after half of which the unit drops the connection.</summary>
    public double DisconnectMidPacketRate { get; init; }

    /// <summary>Send minute and hour data as split packets (Flag D, PNUM=2).</summary>
    public bool Split { get; init; }

    /// <summary>Write each packet in small pieces, so it arrives in several TCP segments.</summary>
    public bool Dribble { get; init; }

    /// <summary>The unit's clock runs this many seconds ahead of true time until the platform sets it (1012).</summary>
    public double ClockOffsetSeconds { get; init; }

    /// <summary>Time zone of the unit's clock.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>File the unit's own CO2 integral is written to (JSON, rewritten after every minute record); null: none.</summary>
    public string? ReportPath { get; init; }

    /// <summary>How long the unit waits for the 9014 answer before sending a record again.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the fault dice.</summary>
    public int Seed { get; init; } = 212;
}
