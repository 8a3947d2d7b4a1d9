namespace CarbonEdge.Protocols.Hj212.Commands;

/// <summary>Command codes (CN) CarbonEdge handles; other values are carried as their number.</summary>
/// <remarks>HJ 212-2017 §6.6.5 and Appendix B, Table B.3 (command codes).</remarks>
public enum Hj212CommandCode
{
    /// <summary>1011: the platform asks the unit's time.</summary>
    GetTime = 1011,
    /// <summary>1012: the platform sets the unit's time (<c>SystemTime</c>).</summary>
    SetTime = 1012,
    /// <summary>1013: the unit asks the platform to calibrate its time.</summary>
    TimeCalibrationRequest = 1013,
    /// <summary>2011: real-time data (<c>-Rtd</c>, <c>-Flag</c>).</summary>
    RealTimeData = 2011,
    /// <summary>2031: day data (<c>-Cou</c>, <c>-Min</c>, <c>-Avg</c>, <c>-Max</c>, <c>-Flag</c>).</summary>
    DayData = 2031,
    /// <summary>2051: minute data.</summary>
    MinuteData = 2051,
    /// <summary>2061: hour data.</summary>
    HourData = 2061,
    /// <summary>9011: request reply (<c>QnRtn</c>).</summary>
    RequestReply = 9011,
    /// <summary>9012: execution result (<c>ExeRtn</c>).</summary>
    ExecutionResult = 9012,
    /// <summary>9013: notification reply.</summary>
    NotificationReply = 9013,
    /// <summary>9014: data reply (the platform's answer to data sent with Flag A).</summary>
    DataReply = 9014,
}

/// <summary>Request reply codes (<c>QnRtn</c> of CN 9011).</summary>
/// <remarks>HJ 212-2017 Table 7 (request command return).</remarks>
public enum Hj212RequestResult
{
    /// <summary>1: ready to execute the request.</summary>
    Ready = 1,
    /// <summary>2: request refused.</summary>
    Refused = 2,
    /// <summary>3: wrong PW.</summary>
    WrongPassword = 3,
    /// <summary>4: wrong MN.</summary>
    WrongMn = 4,
    /// <summary>5: wrong ST.</summary>
    WrongSt = 5,
    /// <summary>6: wrong Flag.</summary>
    WrongFlag = 6,
    /// <summary>7: wrong QN.</summary>
    WrongQn = 7,
    /// <summary>8: wrong CN.</summary>
    WrongCn = 8,
    /// <summary>9: CRC check failed.</summary>
    BadCrc = 9,
    /// <summary>100: unknown error.</summary>
    Unknown = 100,
}
