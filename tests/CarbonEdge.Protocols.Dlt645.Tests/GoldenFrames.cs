namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>
/// Frames with known meaning. Sources:
/// <list type="bullet">
/// <item>600888/dlt645, cpp/tests/core_test.cpp, commit 11f082bd42ca194e2954ea8bc8d10597755ae89e: the read-address,
/// write-address and broadcast time-sync wire vectors (with four FE wake-up bytes).</item>
/// <item>A public Java trace of a single-phase meter at address 000000000161 (request/reply pairs with their decoded
/// values written beside them; found through the code index, whose entry does not name the repository): the 11H/91H
/// frames for 00010000 (000000.26 kWh), 02010100 (100.1 V), 02020100 (004.999 A: its CS is 16H) and 02060000 (0.501).</item>
/// <item>Constructed here by DL/T 645-2007 §7.1 (checked with an independent script): the rest, each with its meaning.</item>
/// </list>
/// </summary>
internal static class GoldenFrames
{
    // 600888/dlt645 cpp/tests/core_test.cpp @ 11f082bd42ca194e2954ea8bc8d10597755ae89e
    public const string ReadAddressRequest = "FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16";
    public const string WriteAddressRequest = "FE FE FE FE 68 12 34 56 78 10 12 68 15 06 45 67 89 AB 43 46 8A 16";
    public const string TimeSync600888 = "FE FE FE FE 68 99 99 99 99 99 99 68 08 06 58 44 35 45 67 89 7A 16";

    // Public trace, meter 000000000161.
    public const string TraceReadEnergy = "68 61 01 00 00 00 00 68 11 04 33 33 34 33 14 16";
    public const string TraceEnergyReply = "68 61 01 00 00 00 00 68 91 08 33 33 34 33 59 33 33 33 8A 16";
    public const string TraceVoltageReply = "68 61 01 00 00 00 00 68 91 06 33 34 34 35 34 43 10 16";
    public const string TraceCurrentReply = "68 61 01 00 00 00 00 68 91 07 33 34 35 35 CC 7C 33 16 16";
    public const string TracePowerFactorReply = "68 61 01 00 00 00 00 68 91 06 33 33 39 35 34 38 09 16";

    // Constructed (DL/T 645-2007 §7.1, §7.3).
    public const string EnergyReplyChecksum16 = "68 01 00 00 00 00 00 68 91 08 33 33 34 33 46 33 33 33 16 16"; // 000000.13 kWh
    public const string VoltageReplyWithPreamble = "FE FE FE FE 68 12 90 78 56 34 12 68 91 06 33 34 34 35 34 55 76 16"; // 220.1 V
    public const string NegativeCurrentReply = "68 12 90 78 56 34 12 68 91 07 33 34 35 35 67 45 B3 4E 16"; // -1.234 A
    public const string ErrorReplyNoData = "68 12 90 78 56 34 12 68 D1 01 35 8D 16"; // error word 02H
    public const string BlockReplyWithMore = "68 12 90 78 56 34 12 68 B1 0C 33 32 34 33 AB 89 67 45 AB 89 67 35 BF 16"; // 0001FF00: 123456.78, 023456.78, more
    public const string FollowUpRequest = "68 12 90 78 56 34 12 68 12 05 33 32 34 33 34 9D 16"; // 0001FF00, SEQ 1
    public const string FollowUpReplyLast = "68 12 90 78 56 34 12 68 92 11 33 32 34 33 BC 9A 78 36 C3 AB 89 37 33 33 33 33 34 27 16"; // 034567.89, 045678.90, 000000.00, SEQ 1
    public const string Read1997 = "68 34 12 00 00 00 00 68 01 02 43 C3 1F 16"; // 9010
    public const string Reply1997 = "68 34 12 00 00 00 00 68 81 06 43 C3 89 67 45 33 0B 16"; // 001234.56 kWh
    public const string Error1997 = "68 34 12 00 00 00 00 68 C1 01 35 0D 16"; // bad data identifier
    public const string ReadAddressReply = "68 12 90 78 56 34 12 68 93 06 45 C3 AB 89 67 45 07 16";
    public const string DateReply = "68 12 90 78 56 34 12 68 91 08 34 34 33 37 38 37 45 59 FE 16"; // 2026-12-04, Friday
    public const string TimeReply = "68 12 90 78 56 34 12 68 91 07 35 34 33 37 89 67 45 26 16"; // 12:34:56
    public const string TimeSync = "68 99 99 99 99 99 99 68 08 06 89 67 45 37 45 59 7E 16"; // 2026-12-04 12:34:56
    public const string FreezeTimeReply = "68 12 90 78 56 34 12 68 91 09 34 33 39 38 33 33 37 45 59 33 16"; // 2026-12-04 00:00
}
