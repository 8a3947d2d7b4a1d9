using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CarbonEdge.Protocols.Modbus;
using CarbonEdge.Protocols.Modbus.Client;
using CarbonEdge.Protocols.Modbus.Data;
using CarbonEdge.Protocols.Modbus.Pdu;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge read modbus-tcp|modbus-rtu|modbus-rtutcp</c>: reads registers or bits once (or <c>--repeat N</c> times) and
/// prints the decoded values, one per line; with --repeat, a summary line last.
/// </summary>
internal static class ReadCommand
{
    public static Command Create()
    {
        var read = new Command("read", "Read registers or bits from a device and print the decoded values, one per line");
        foreach (string driver in ModbusCliConnection.Drivers)
        {
            read.Subcommands.Add(CreateDriverCommand(driver));
        }
        read.Subcommands.Add(Dlt645ReadCommand.Create());
        read.Subcommands.Add(Hj212ReadCommand.Create());
        return read;
    }

    private static Command CreateDriverCommand(string driver)
    {
        var connection = ModbusCliConnection.For(driver);
        var address = new Option<int>("--address", "-a") { Description = "First address, 0-based protocol address", Required = true };
        var count = new Option<int>("--count", "-c") { Description = "Number of values to read (a float32 value is 2 registers; for string: characters)", DefaultValueFactory = _ => 1 };
        var function = new Option<int>("--function", "-f") { Description = "Function code: 3 holding registers, 4 input registers, 1 coils, 2 discrete inputs", DefaultValueFactory = _ => 3 };
        function.AcceptOnlyFromAmong("1", "2", "3", "4");
        var type = new Option<string>("--type", "-t") { Description = "uint16, int16, uint32, int32, uint64, int64, float32, float64, bcd16, bcd32, string, bit", DefaultValueFactory = _ => "uint16" };
        var order = new Option<string>("--order", "-o") { Description = "Word/byte order of multi-register values", DefaultValueFactory = _ => "ABCD" };
        order.AcceptOnlyFromAmong("ABCD", "CDAB", "BADC", "DCBA");
        var repeat = new Option<int>("--repeat") { Description = "Repeat the read N times (as fast as it can, or every --interval ms) and print a summary; the values printed are the last read's", DefaultValueFactory = _ => 1 };
        var interval = new Option<int>("--interval") { Description = "With --repeat: ms between the starts of two reads (default 0: back to back)", DefaultValueFactory = _ => 0 };
        var command = new Command(driver, $"Read from a {driver} device");
        connection.AddTo(command);
        foreach (var option in new Option[] { address, count, function, type, order, repeat, interval }) command.Options.Add(option);
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var request = new ReadRequest((ModbusFunctionCode)result.GetValue(function), result.GetValue(address), result.GetValue(count),
                result.GetValue(type)!, Enum.Parse<WordOrder>(result.GetValue(order)!));
            if (request.Validate() is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }
            byte unitId = connection.UnitId(result);
            await using var transport = connection.CreateTransport(result);
            var client = new ModbusClient(transport);
            return await RunAsync(client, unitId, request, Math.Max(1, result.GetValue(repeat)), TimeSpan.FromMilliseconds(result.GetValue(interval)),
                connection.Describe(result), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ModbusClient client, byte unitId, ReadRequest request, int repeat, TimeSpan interval,
        string target, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(Math.Min(repeat, 1_000_000));
        int failed = 0;
        string[]? lastValues = null;
        string? lastError = null;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < repeat && !cancellationToken.IsCancellationRequested; i++)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                lastValues = await request.ReadAsync(client, unitId, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (ModbusException ex)
            {
                failed++;
                lastError = ex.Message;
                if (repeat == 1) break;
            }
            catch (InvalidOperationException ex)
            {
                failed++;
                lastError = ex.Message;
                break;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var wait = interval - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero && i + 1 < repeat)
            {
                try { await Task.Delay(wait, cancellationToken); } catch (OperationCanceledException) { break; }
            }
        }
        total.Stop();
        if (lastValues is not null)
        {
            foreach (string value in lastValues) Console.WriteLine(value);
        }
        if (lastError is not null)
        {
            await Console.Error.WriteLineAsync($"error: {target} unit {unitId}: {lastError}");
            await Console.Error.WriteLineAsync(Hint(lastError));
        }
        if (repeat > 1)
        {
            int requests = latencies.Count + failed;
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{requests} requests, {failed} failed, {requests / total.Elapsed.TotalSeconds:0.0} req/s, p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms"));
        }
        return failed == 0 ? 0 : 1;
    }

    private static string Hint(string error) =>
        error.Contains("connect", StringComparison.OrdinalIgnoreCase) || error.Contains("connection", StringComparison.OrdinalIgnoreCase)
            ? "hint: check --host/--port and that the device is powered and reachable"
            : error.Contains("no response", StringComparison.Ordinal)
                ? "hint: check --unit (cedge scan finds the unit ids that answer), wiring and serial settings, or raise --timeout"
                : error.Contains("exception 0x02", StringComparison.Ordinal)
                    ? "hint: the device has no such address: check --address (0-based) and --function against the device's register map"
                    : "hint: check the device's register map (function, address, type)";

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>One read: what to read and how to print it.</summary>
    private sealed record ReadRequest(ModbusFunctionCode Function, int Address, int Count, string TypeName, WordOrder Order)
    {
        private ModbusDataType Type => ModbusValueCodec.TryParseType(TypeName, out var type) ? type : ModbusDataType.UInt16;

        private bool IsBits => Function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs;

        private int Quantity => IsBits ? Count : Type == ModbusDataType.String ? ModbusValueCodec.RegisterCount(Type, Count) : Count * ModbusValueCodec.RegisterCount(Type);

        public string? Validate()
        {
            if (!ModbusValueCodec.TryParseType(TypeName, out var type)) return $"unknown --type '{TypeName}' (uint16, int16, uint32, int32, uint64, int64, float32, float64, bcd16, bcd32, string, bit)";
            if (IsBits != (type == ModbusDataType.Bit)) return IsBits ? "functions 1 and 2 read bits: use --type bit" : "--type bit reads coils or discrete inputs: use --function 1 or 2";
            if (Address is < 0 or > 0xFFFF) return "--address must be 0-65535 (0-based protocol address)";
            if (Count < 1) return "--count must be at least 1";
            int max = IsBits ? ReadBitsPdu.MaxCount : ReadRegistersPdu.MaxCount;
            if (Quantity > max) return $"one request reads at most {max} {(IsBits ? "bits" : "registers")}; {Count} x {TypeName} needs {Quantity}: lower --count";
            if (Address + Quantity > 0x10000) return "--address + --count pass the end of the address space";
            return null;
        }

        public async Task<string[]> ReadAsync(ModbusClient client, byte unitId, CancellationToken cancellationToken)
        {
            if (IsBits)
            {
                var bits = new bool[Quantity];
                await client.ReadBitsAsync(Function, unitId, (ushort)Address, bits, cancellationToken);
                return bits.Select(b => b ? "1" : "0").ToArray();
            }
            var registers = new ushort[Quantity];
            await client.ReadRegistersAsync(Function, unitId, (ushort)Address, registers, cancellationToken);
            if (Type == ModbusDataType.String) return [ModbusValueCodec.DecodeString(registers, Order)];
            int width = ModbusValueCodec.RegisterCount(Type);
            return Enumerable.Range(0, Count).Select(i => Format(registers.AsSpan(i * width, width), Type, Order)).ToArray();
        }
    }

    /// <summary>A value as a person and a script read it: integers exact, float32 in its shortest round-trip form.</summary>
    internal static string Format(ReadOnlySpan<ushort> registers, ModbusDataType type, WordOrder order)
    {
        Span<byte> bytes = stackalloc byte[8];
        ModbusValueCodec.ToBigEndian(registers, order, bytes);
        return type switch
        {
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes).ToString(CultureInfo.InvariantCulture),
            ModbusDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(bytes).ToString(CultureInfo.InvariantCulture),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes).ToString("R", CultureInfo.InvariantCulture),
            ModbusDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(bytes).ToString("R", CultureInfo.InvariantCulture),
            _ => ModbusValueCodec.TryDecode(registers, type, order, out double value)
                ? value.ToString(CultureInfo.InvariantCulture)
                : "invalid-bcd",
        };
    }
}
