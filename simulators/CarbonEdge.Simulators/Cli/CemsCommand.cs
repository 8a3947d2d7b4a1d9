using System.CommandLine;
using CarbonEdge.Simulators.Cems;

namespace CarbonEdge.Simulators.Cli;

/// <summary>
/// <c>cedge-sim cems hj212 --target HOST:PORT --mn MN --pw PW [--interval-s N]</c>: a CEMS stack's data-acquisition
/// unit reporting over HJ 212-2017 (<see cref="Hj212UnitSimulator"/>), with backfill, an outage and faults on request;
/// <c>cedge-sim cems modbus-tcp</c>: the same stack's analyzer over Modbus TCP (<see cref="CemsModbusCommand"/>).
/// </summary>
internal static class CemsCommand
{
    public static Command Create()
    {
        var cems = new Command("cems", "Simulated CEMS stacks (gas-fired boiler, physically consistent flue gas)");
        cems.Subcommands.Add(CreateHj212());
        cems.Subcommands.Add(CemsModbusCommand.Create());
        return cems;
    }

    private static Command CreateHj212()
    {
        var target = new Option<string>("--target") { Description = "The upper platform (the gateway's hj212 input), HOST:PORT", Required = true };
        var mn = new Option<string>("--mn") { Description = "The unit's MN", Required = true };
        var pw = new Option<string>("--pw") { Description = "The unit's PW", Required = true };
        var interval = new Option<int>("--interval-s") { Description = "Real-time data (2011) every N simulated seconds (default 30)", DefaultValueFactory = _ => 30 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second (default 1)", DefaultValueFactory = _ => 1.0 };
        var backfill = new Option<double>("--backfill-hours") { Description = "First send the minute and hour records of this many past hours (history), then go live" };
        var outage = new Option<double>("--outage-s") { Description = "Once, after the first live minute record was answered, drop the link for this many seconds; its records are re-sent on reconnection" };
        var badCrc = new Option<double>("--bad-crc-rate") { Description = "Fraction of packets sent with a corrupted CRC (0-1)" };
        var wrongLength = new Option<double>("--wrong-length-rate") { Description = "Fraction of packets sent with a wrong length field (0-1)" };
        var disconnect = new Option<double>("--disconnect-rate") { Description = "Fraction of packets after half of which the link is dropped (0-1)" };
        var split = new Option<bool>("--split") { Description = "Send minute and hour data as split packets (Flag D, PNUM=2)" };
        var dribble = new Option<bool>("--dribble") { Description = "Write each packet in small pieces (several TCP segments)" };
        var clockOffset = new Option<double>("--clock-offset-s") { Description = "The unit's clock runs this many seconds ahead until the platform sets it (1012)" };
        var st = new Option<string>("--st") { Description = "System code (default 31, flue gas)", DefaultValueFactory = _ => "31" };
        var report = new Option<string?>("--report") { Description = "Write the unit's own CO2 integral (per local day, kg) to this JSON file after every minute record" };
        var command = new Command("hj212", "Play a CEMS data-acquisition unit sending 2011/2051/2061 over HJ 212-2017 to a platform")
        {
            target, mn, pw, interval, speed, backfill, outage, badCrc, wrongLength, disconnect, split, dribble, clockOffset, st, report,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            string text = result.GetValue(target)!;
            int colon = text.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
            {
                await Console.Error.WriteLineAsync($"error: --target '{text}' is not HOST:PORT (e.g. 127.0.0.1:9212)");
                return 2;
            }
            double[] rates = [result.GetValue(badCrc), result.GetValue(wrongLength), result.GetValue(disconnect)];
            if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r)) || result.GetValue(interval) < 1 || result.GetValue(speed) <= 0
                || result.GetValue(backfill) < 0 || result.GetValue(outage) < 0)
            {
                await Console.Error.WriteLineAsync("error: rates must be 0-1, --interval-s at least 1, --speed positive, --backfill-hours and --outage-s 0 or more");
                return 2;
            }
            var options = new Hj212UnitOptions
            {
                Host = text[..colon], Port = port, Mn = result.GetValue(mn)!, Pw = result.GetValue(pw)!, St = result.GetValue(st)!,
                IntervalSeconds = result.GetValue(interval), Speed = result.GetValue(speed), BackfillHours = result.GetValue(backfill),
                OutageSeconds = result.GetValue(outage), BadCrcRate = rates[0], WrongLengthRate = rates[1], DisconnectMidPacketRate = rates[2],
                Split = result.GetValue(split), Dribble = result.GetValue(dribble), ClockOffsetSeconds = result.GetValue(clockOffset),
                ReportPath = result.GetValue(report),
            };
            Console.WriteLine($"CEMS unit {options.Mn} -> {options.Host}:{options.Port}; Ctrl-C stops");
            var unit = new Hj212UnitSimulator(options, TimeProvider.System, Console.Out);
            await unit.RunAsync(cancellationToken);
            Console.WriteLine($"stopped: {unit.Ledger.MinuteRecords} minute records, {unit.Ledger.TotalKg / 1000:0.000000} tCO2, {unit.Answered} answered");
            return 0;
        });
        return command;
    }
}
