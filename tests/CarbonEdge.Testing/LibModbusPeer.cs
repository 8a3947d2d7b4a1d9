using System.Security.Cryptography;

namespace CarbonEdge.Testing;

/// <summary>
/// The libmodbus programs in <c>tests/peers/libmodbus/</c> (a real Modbus server and a benchmark client we did not
/// write the protocol of), compiled in the test run with <c>gcc $(pkg-config --cflags --libs libmodbus)</c> into
/// <c>artifacts/peers/</c>, once per source version.
/// </summary>
public static class LibModbusPeer
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);

    /// <summary>Compiles <c>tests/peers/libmodbus/{name}.c</c> if needed; returns the executable's path.</summary>
    /// <exception cref="InvalidOperationException">gcc, pkg-config or libmodbus-dev missing, or the compile failed.</exception>
    public static async Task<string> BuildAsync(string name)
    {
        string root = RepositoryRoot.Find();
        string source = Path.Combine(root, "tests", "peers", "libmodbus", name + ".c");
        string hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(source)))[..12].ToLowerInvariant();
        string folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "peers")).FullName;
        string executable = Path.Combine(folder, $"{name}-{hash}");
        await BuildLock.WaitAsync();
        try
        {
            if (File.Exists(executable)) return executable;
            string flags = await RunAsync("pkg-config", ["--cflags", "--libs", "libmodbus"], "install libmodbus-dev and pkg-config");
            string temporary = $"{executable}.{Environment.ProcessId}.tmp";
            await RunAsync("gcc", ["-O2", "-Wall", "-o", temporary, source, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)], "install gcc and libmodbus-dev");
            File.Move(temporary, executable, overwrite: true);
            return executable;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string advice)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Tools.Resolve(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({advice}): {await error}");
        return (await output).Trim();
    }
}

/// <summary>
/// The libmodbus test server (<c>tests/peers/libmodbus/modbus-peer-server.c</c>) running over TCP on 127.0.0.1 or
/// over a serial device in RTU. Its map: holding[i] = i; input[i] = 7i + 3 except input 100-101 = 230.5f (ABCD);
/// discrete[i] = i % 3 == 0; coils off; 1000 entries a table.
/// </summary>
public sealed class LibModbusServer : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private LibModbusServer(ExternalProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>TCP port (0 for RTU).</summary>
    public int Port { get; }

    /// <summary>Entries in each table of the map.</summary>
    public const int Size = 1000;

    /// <summary>The input register value at <paramref name="address"/> (outside 100-101).</summary>
    public static ushort InputRegister(int address) => (ushort)(7 * address + 3);

    /// <summary>Starts the server on a free port of 127.0.0.1; returns once it accepts connections.</summary>
    public static async Task<LibModbusServer> StartTcpAsync()
    {
        string executable = await LibModbusPeer.BuildAsync("modbus-peer-server");
        var folder = RunFolder.Create("libmodbus-tcp");
        int port = FreePort.Next();
        var process = ExternalProcess.Start(executable, ["tcp", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder.File("server.log"));
        await WaitReadyAsync(process);
        return new LibModbusServer(process, port);
    }

    /// <summary>Starts the server in RTU mode on <paramref name="device"/> (8N1) answering <paramref name="unitId"/>.</summary>
    public static async Task<LibModbusServer> StartRtuAsync(string device, byte unitId)
    {
        string executable = await LibModbusPeer.BuildAsync("modbus-peer-server");
        var folder = RunFolder.Create("libmodbus-rtu");
        var process = ExternalProcess.Start(executable, ["rtu", device, unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder.File("server.log"));
        await WaitReadyAsync(process);
        return new LibModbusServer(process, 0);
    }

    private static Task WaitReadyAsync(ExternalProcess process) => process.WaitForLogAsync("ready", TimeSpan.FromSeconds(10));

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
