using System.CommandLine;
using System.Globalization;
using System.Net;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;
using Microsoft.Extensions.Logging.Abstractions;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge read hj212 --listen HOST:PORT [--count N] [--crc hj212|modbus|either]</c>: plays the upper platform for
/// data-acquisition units, prints each item of each packet as a table row (MN, CN, DataTime, code, field, value,
/// flag, CRC), answers data sent with Flag A (9014), and exits after N packets; exit 1 if any packet was rejected.
/// </summary>
internal static class Hj212ReadCommand
{
    private const string RowFormat = "{0,-24} {1,-4} {2,-14} {3,-8} {4,-10} {5,-14} {6,-4} {7}";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on, HOST:PORT (e.g. 0.0.0.0:9212); the unit connects here", Required = true };
        var count = new Option<int>("--count") { Description = "Exit after N packets (default: run until Ctrl-C)", DefaultValueFactory = _ => 0 };
        var crc = new Option<string>("--crc") { Description = "CRC accepted: hj212 (HJ 212-2017 Appendix A), modbus (CRC-16/MODBUS, some field units), either", DefaultValueFactory = _ => "hj212" };
        crc.AcceptOnlyFromAmong(Hj212Crcs.Names);
        var command = new Command("hj212", "Listen as the upper platform for HJ 212-2017 data-acquisition units and print what they send") { listen, count, crc };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out var endpoint) || endpoint.Port == 0)
            {
                await Console.Error.WriteLineAsync($"error: --listen '{result.GetValue(listen)}' is not HOST:PORT with an IP address and a port (e.g. 127.0.0.1:9212)");
                return 2;
            }
            Hj212Crcs.TryParse(result.GetValue(crc), out var mode);
            int limit = result.GetValue(count);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var printer = new Printer(limit, stop);
            using var listener = new Hj212Listener(endpoint, mode, printer, NullLogger.Instance);
            try
            {
                listener.Start();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                await Console.Error.WriteLineAsync($"error: cannot listen on {endpoint}: {ex.Message} (is another program on that port? pick another with --listen)");
                return 2;
            }
            await Console.Error.WriteLineAsync($"listening on {listener.LocalEndPoint} as the upper platform (CRC {result.GetValue(crc)}); Ctrl-C stops");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "MN", "CN", "DataTime", "code", "field", "value", "flag", "CRC"));
            await listener.RunAsync(stop.Token);
            Console.WriteLine($"{printer.Packets} packets, {printer.Rejected} rejected");
            return printer.Rejected == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Prints rows as packets arrive and stops the listener after the asked count.</summary>
    private sealed class Printer(int limit, CancellationTokenSource stop) : IHj212LinkHandler
    {
        private readonly Lock _gate = new();

        public int Packets { get; private set; }

        public int Rejected { get; private set; }

        public ValueTask<IReadOnlyList<Hj212Packet>> ReceivedAsync(Hj212Received received, CancellationToken cancellationToken)
        {
            IReadOnlyList<Hj212Packet> replies = [];
            lock (_gate)
            {
                if (limit > 0 && Packets >= limit) return ValueTask.FromResult(replies);
                Packets++;
                string crc = received.Frame is null ? "bad" : received.Frame.Crc == Hj212CrcKind.Modbus ? "ok (modbus)" : "ok";
                var packet = received.Packet;
                Hj212Cp? cp = null;
                string? cpProblem = null;
                if (packet is not null && !Hj212Cp.TryParse(packet.Cp, out cp, out cpProblem)) cp = null;
                string mn = packet?.Mn ?? "?", cn = packet is null ? "?" : ((int)packet.Cn).ToString("D4", CultureInfo.InvariantCulture);
                string dataTime = cp?.DataTime is { } t ? Hj212Time.Format(t) : "-";
                var rows = cp is null ? [] : cp.Pollutants.SelectMany(p => p.Fields.Where(f => f.Key != "Flag").Select(f => (p.Code, f.Key, f.Value, Flag: p.Flag?.ToString() ?? "-")))
                    .Concat(cp.Parameters.Select(p => ("-", p.Key, p.Value, "-"))).ToList();
                if (rows.Count == 0) rows.Add(("-", "-", "-", "-"));
                foreach (var (code, field, value, flag) in rows)
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, mn, cn, dataTime, code, field, value, flag, crc));
                string? rejection = received.Rejection ?? (cpProblem is null ? null : "garbled_cp");
                if (rejection is not null)
                {
                    Rejected++;
                    Console.Error.WriteLine($"rejected from {received.Remote}: {rejection}: {received.Detail ?? cpProblem}");
                }
                else if (packet!.AnswerRequired && packet.Cn is Hj212CommandCode.RealTimeData or Hj212CommandCode.MinuteData or Hj212CommandCode.HourData or Hj212CommandCode.DayData)
                {
                    replies = [Hj212Replies.DataReply(packet)];
                }
                if (limit > 0 && Packets >= limit) stop.Cancel();
            }
            return ValueTask.FromResult(replies);
        }
    }
}
