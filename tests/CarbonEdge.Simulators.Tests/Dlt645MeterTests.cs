using CarbonEdge.Protocols.Channels;
using CarbonEdge.Protocols.Dlt645;
using CarbonEdge.Protocols.Dlt645.Client;
using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Dlt645.Framing;
using CarbonEdge.Testing;

namespace CarbonEdge.Simulators.Tests;

/// <summary>
/// <c>cedge-sim meter dlt645</c> run as a process and read by our DL/T 645 client over a socat pty pair (8N1: ptys
/// refuse parity) and over TCP: every kind of DI, blocks in follow-up frames, the daily freeze, the meter's own clock
/// and the broadcast time sync, the 1997 edition and the fault switches.
/// </summary>
public class Dlt645MeterTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.Parse("123456789012");
    private static readonly Dlt645ClientOptions Patient = new() { ResponseTimeout = TimeSpan.FromSeconds(2), Retries = 0 };

    [Fact]
    public async Task Pty_FollowUpBlocks_FrozenDay_ClockDrift_AndTimeSync()
    {
        await using var pty = await SocatPtyPair.StartAsync("sim-dlt645");
        await using var sim = await CedgeSim.StartServingAsync("sim-dlt645", "meter", "dlt645", "--serial", pty.PathA, "--baud", "9600",
            "--parity", "N", "--address", Meter.ToString(), "--preamble", "3", "--follow-up", "--clock-offset-s", "200");
        Assert.Contains($"serving {pty.PathA} 9600 8N1", sim.Log);
        await using var client = new Dlt645Client(new SerialChannel(new SerialPortOptions { Path = pty.PathB, Baud = 9600 }), Patient);

        Assert.Equal(Meter, await client.ReadAddressAsync());
        var energy = await client.ReadAsync(Meter, Dlt645Catalog.ForwardActiveEnergy);
        Assert.True(Assert.Single(energy.Values).Number > 0);
        var block = await client.ReadAsync(Meter, new Dlt645DataIdentifier(0x0001FF00));
        Assert.Equal((5, 3), (block.Values.Count, block.Frames)); // total and 4 tariffs, two values a frame
        Assert.Equal(block.Values[0].Number, block.Values.Skip(1).Sum(v => v.Number));
        var volts = await client.ReadAsync(Meter, new Dlt645DataIdentifier(0x0201FF00));
        Assert.Equal(2, volts.Frames);
        Assert.All(volts.Values, v => Assert.InRange(v.Number, 215m, 225m));
        Assert.InRange(Assert.Single((await client.ReadAsync(Meter, new Dlt645DataIdentifier(0x02800002))).Values).Number, 49.95m, 50.05m);

        var freezeTime = Assert.Single((await client.ReadAsync(Meter, Dlt645Catalog.DailyFreezeTime)).Values).Time;
        Assert.Equal(TimeSpan.Zero, freezeTime.TimeOfDay);
        var frozen = await client.ReadAsync(Meter, Dlt645Catalog.DailyFrozenForwardActiveEnergy);
        Assert.Equal((5, 3), (frozen.Values.Count, frozen.Frames));
        Assert.InRange(frozen.Values[0].Number, 0.01m, Assert.Single(energy.Values).Number);

        Assert.InRange(await DriftAsync(client), 195, 205);
        // A meter refuses syncs near its midnight; this test needs the sync applied, so it runs outside that window.
        var meterNow = DateTime.UtcNow.AddHours(8);
        if (meterNow.TimeOfDay > TimeSpan.FromMinutes(10) && meterNow.TimeOfDay < TimeSpan.FromHours(23.8))
        {
            await client.SendTimeSyncAsync(meterNow);
            Assert.InRange(await DriftAsync(client), -3, 3);
        }

        var missing = await Assert.ThrowsAsync<Dlt645DeviceException>(() => client.ReadAsync(Meter, new Dlt645DataIdentifier(0x04000401)));
        Assert.Equal((byte)Dlt645ErrorWord.NoRequestedData, missing.ErrorWord);
        await Assert.ThrowsAsync<Dlt645TimeoutException>(() => client.ReadAsync(Dlt645Address.FromNumber(5), Dlt645Catalog.ForwardActiveEnergy));
    }

    /// <summary>Meter clock minus UTC+8 from 04000101 and 04000102, s (to the second the meter shows).</summary>
    private static async Task<double> DriftAsync(Dlt645Client client)
    {
        var date = Assert.Single((await client.ReadAsync(Meter, Dlt645Catalog.Date)).Values).Time;
        var before = DateTime.UtcNow.AddHours(8);
        var time = Assert.Single((await client.ReadAsync(Meter, Dlt645Catalog.Time)).Values).Time;
        var meter = date.Date + time.TimeOfDay;
        if (meter < before.AddHours(-12)) meter = meter.AddDays(1); // the date was read just before the meter's midnight
        return (meter - before).TotalSeconds;
    }

    [Fact]
    public async Task Tcp_1997Meter_AndFaultSwitches_AreTypedErrors()
    {
        int port = FreePort.Next();
        var address = Dlt645Address.FromNumber(1234);
        await using (var sim = await CedgeSim.StartServingAsync("sim-dlt645-97", "meter", "dlt645", "--listen", $"127.0.0.1:{port}", "--address", "000000001234", "--version", "1997"))
        {
            await using var client = new Dlt645Client(new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = port }), Patient);
            Assert.True(Assert.Single((await client.ReadAsync(address, Dlt645DataIdentifier.Parse("9010"))).Values).Number > 0);
            Assert.InRange(Assert.Single((await client.ReadAsync(address, Dlt645DataIdentifier.Parse("B611"))).Values).Number, 215m, 225m);
            var error = await Assert.ThrowsAsync<Dlt645DeviceException>(() => client.ReadAsync(address, Dlt645Catalog.ForwardActiveEnergy));
            Assert.Equal(Dlt645Version.V2007, error.Version); // a 2007 read to a 1997 meter: answered D1H
        }
        foreach (var (fault, check) in new (string[] Fault, Action<Exception> Check)[]
        {
            (["--bad-checksum"], ex => Assert.Equal(Dlt645FrameError.BadChecksum, Assert.IsType<Dlt645ProtocolException>(ex).Error)),
            (["--wrong-address"], ex => Assert.Equal(Dlt645FrameError.WrongAddress, Assert.IsType<Dlt645ProtocolException>(ex).Error)),
            (["--error-word", "0x04"], ex => Assert.Contains("Unauthorized", Assert.IsType<Dlt645DeviceException>(ex).Message)),
            (["--silent"], ex => Assert.IsType<Dlt645TimeoutException>(ex)),
        })
        {
            port = FreePort.Next();
            await using var sim = await CedgeSim.StartServingAsync("sim-dlt645-fault", ["meter", "dlt645", "--listen", $"127.0.0.1:{port}", "--address", "000000001234", .. fault]);
            await using var client = new Dlt645Client(new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = port }),
                new Dlt645ClientOptions { ResponseTimeout = TimeSpan.FromMilliseconds(500), Retries = 1 });
            check(await Assert.ThrowsAnyAsync<Dlt645Exception>(() => client.ReadAsync(address, Dlt645Catalog.ForwardActiveEnergy)));
        }
    }

    [Fact]
    public async Task Tcp_DribbledReply_WithWakeUpBytes_IsReassembled()
    {
        int port = FreePort.Next();
        await using var sim = await CedgeSim.StartServingAsync("sim-dlt645-dribble", "meter", "dlt645", "--listen", $"127.0.0.1:{port}", "--address", "000000001234",
            "--dribble-ms", "3", "--preamble", "4");
        await using var client = new Dlt645Client(new TcpChannel(new TcpChannelOptions { Host = "127.0.0.1", Port = port }), Patient);
        // the forward active energy block: total and tariffs 1-4, the tariffs summing to the total exactly
        var reading = await client.ReadAsync(Dlt645Address.FromNumber(1234), new Dlt645DataIdentifier(0x0001FF00));
        Assert.Equal(5, reading.Values.Count);
        Assert.True(reading.Values[0].Number > 0);
        Assert.Equal(reading.Values[0].Number, reading.Values.Skip(1).Sum(v => v.Number));
    }

    /// <summary>--pace: a reply comes no sooner than the request and the reply would take on the line (1200 baud, 8N1:
    /// 10 bits a character), however fast the pty is. A lower bound only: the machine may always be slower.</summary>
    [Fact]
    public async Task Pace_AnswersNoFasterThanTheLine()
    {
        await using var pty = await SocatPtyPair.StartAsync("sim-dlt645-pace");
        await using var sim = await CedgeSim.StartServingAsync("sim-dlt645-pace", "meter", "dlt645", "--serial", pty.PathA, "--baud", "1200",
            "--parity", "N", "--address", Meter.ToString(), "--pace");
        Assert.Contains("paced as 1200 baud 10 bits a character", sim.Log);
        await using var client = new Dlt645Client(new SerialChannel(new SerialPortOptions { Path = pty.PathB, Baud = 1200 }), new Dlt645ClientOptions { ResponseTimeout = TimeSpan.FromSeconds(2), Retries = 0, InterFrameDelay = TimeSpan.Zero });
        await client.ReadAsync(Meter, Dlt645Catalog.ForwardActiveEnergy); // the line opened
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var energy = await client.ReadAsync(Meter, Dlt645Catalog.ForwardActiveEnergy);
        // 4 FEH + 16-byte request, 20-byte reply: 40 characters of 10 bits at 1200 baud
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(40 * 10 / 1200.0), $"answered in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(Assert.Single(energy.Values).Number > 0);
    }
}
