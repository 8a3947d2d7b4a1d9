using System.Net;
using System.Net.Sockets;
using CarbonEdge.Edge.Hj212;
using CarbonEdge.Protocols.Hj212.Segment;
using CarbonEdge.Protocols.Telemetry;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Hj212;

/// <summary>The gateway's HJ 212 input over real TCP: readings, answers, bad input counted per station, clock setting, relay.</summary>
public class Hj212InputTests
{
    private static readonly Hj212StationOptions Stack = new() { Mn = "88888880000001", Pw = "123456", Device = "stack-1", RealTimeDevice = "stack-1-rt" };
    private static readonly Hj212StationOptions Other = new() { Mn = "88888880000002", Pw = "654321", Device = "stack-2" };

    private const string Minute =
        "QN=20261204103000123;ST=31;CN=2051;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime=20261204102900;" +
        "a05001-Avg=237216,a05001-Flag=N;a00000-Avg=5,a00000-Flag=N;a01012-Avg=120.5,a01012-Flag=N;a19001-Avg=6.2,a19001-Flag=D;" +
        "a01014-Avg=8.1,a01014-Flag=T;a21026-Avg=12,a21026-Flag=N&&";

    [Fact]
    public async Task MinuteData_BecomesReadings_AtTheUnitsDataTime_AndIsAnswered9014()
    {
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(Stack), "hj212-minute");
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        await unit.SendAsync(Hj212Gateway.Packet(Minute));
        Assert.Equal("QN=20261204103000123;ST=91;CN=9014;PW=123456;MN=88888880000001;Flag=4;CP=&&&&", await unit.ReceiveAsync());

        var readings = gateway.Readings().ToDictionary(r => r.Point);
        var at = new DateTimeOffset(2026, 12, 4, 2, 29, 0, TimeSpan.Zero); // 10:29 in Asia/Shanghai
        Assert.All(readings.Values, r => Assert.Equal(("stack-1", at, TimestampSource.Device), (r.Device, r.Ts, r.TsSource!.Value)));
        Assert.Equal(12.0, readings["cems.co2"].Value!.Value, 9);
        Assert.Equal(18000.0, readings["cems.flow.std_dry"].Value);
        Assert.Equal(120.5, readings["cems.temperature"].Value);
        Assert.Equal((ReadingQuality.Bad, (double?)null, "hj212 flag D (fault)"), (readings["cems.o2"].Quality, readings["cems.o2"].Value, readings["cems.o2"].Reason));
        Assert.Equal((ReadingQuality.Uncertain, (double?)8.1), (readings["cems.humidity"].Quality, readings["cems.humidity"].Value));
        Assert.Equal(5, readings.Count);
        Assert.Equal(1, gateway.Stats.RejectedFrom(Stack.Mn, "unknown_code"));
        Assert.Equal(1, gateway.Stats.AcceptedFrom(Stack.Mn));
    }

    [Fact]
    public async Task HistoryResend_GivesTheSameReadings_SoTheCloudOverwritesThem()
    {
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(Stack), "hj212-resend");
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        await unit.SendAsync(Hj212Gateway.Packet(Minute));
        await unit.ReceiveAsync();
        var first = gateway.Readings();
        await unit.SendAsync(Hj212Gateway.Packet(Minute.Replace("20261204103000123", "20261204110000456")));
        await unit.ReceiveAsync();
        Assert.Equal(first, gateway.Readings());
    }

    [Fact]
    public async Task BadInput_IsCountedPerStationWithItsReason_AnsweredAsTheStandardSays_AndNeverStopsTheLinks()
    {
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(Stack, Other), "hj212-bad");
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        await using var other = await Hj212Unit.ConnectAsync(gateway.Port);

        await unit.SendAsync(Hj212Gateway.Packet(Minute.Replace("PW=123456", "PW=000000")));
        Assert.EndsWith("CN=9011;PW=000000;MN=88888880000001;Flag=4;CP=&&QnRtn=3&&", await unit.ReceiveAsync());
        await unit.SendAsync(Hj212Gateway.Packet(Minute.Replace("MN=88888880000001", "MN=99999999999999")));
        Assert.EndsWith("CP=&&QnRtn=4&&", await unit.ReceiveAsync());
        var badCrc = Hj212Gateway.Packet(Minute);
        badCrc[^3] ^= 1;
        await unit.SendAsync(badCrc);
        await unit.SendAsync(Hj212Gateway.Packet(Minute.Replace("DataTime=20261204102900;", "DataTime=2026;")));
        await unit.SendAsync("##0009garbage!!\r\nnot a packet at all ##00x");
        await unit.SendAsync(Hj212Gateway.Packet(Minute.Replace("CN=2051", "CN=3020")));
        Assert.EndsWith("CP=&&QnRtn=8&&", await unit.ReceiveAsync());

        await other.SendAsync(Hj212Gateway.Packet(Minute.Replace("PW=123456", "PW=654321").Replace("MN=88888880000001", "MN=88888880000002")));
        Assert.Contains("CN=9014", await other.ReceiveAsync());
        await unit.SendAsync(Hj212Gateway.Packet(Minute));
        Assert.Contains("CN=9014", await unit.ReceiveAsync());

        Assert.Equal(1, gateway.Stats.RejectedFrom(Stack.Mn, "bad_pw"));
        Assert.Equal(1, gateway.Stats.RejectedFrom("?", "unknown_mn"));
        Assert.Equal(1, gateway.Stats.RejectedFrom("?", "bad_crc"));
        Assert.Equal(1, gateway.Stats.RejectedFrom(Stack.Mn, "garbled_cp"));
        Assert.Equal(1, gateway.Stats.RejectedFrom(Stack.Mn, "unknown_cn"));
        Assert.True(gateway.Stats.RejectedFrom("?", "bad_length") + gateway.Stats.RejectedFrom("?", "bad_header") >= 2);
        Assert.Equal((1, 1), (gateway.Stats.AcceptedFrom(Stack.Mn), gateway.Stats.AcceptedFrom(Other.Mn)));
        Assert.Equal(["stack-1", "stack-2"], gateway.Readings().Select(r => r.Device).Distinct().Order());
    }

    [Fact]
    public async Task RandomBytes_NeverStopTheListener()
    {
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(Stack), "hj212-random");
        var random = new Random(212);
        for (int link = 0; link < 5; link++)
        {
            await using var noise = await Hj212Unit.ConnectAsync(gateway.Port);
            var bytes = new byte[20_000];
            random.NextBytes(bytes);
            for (int i = 0; i < bytes.Length; i += 997) "##0"u8.CopyTo(bytes.AsSpan(i)); // many false headers
            await noise.SendAsync(bytes);
        }
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        await unit.SendAsync(Hj212Gateway.Packet(Minute));
        Assert.Contains("CN=9014", await unit.ReceiveAsync());
        Assert.Equal(1, gateway.Stats.AcceptedFrom(Stack.Mn));
    }

    [Fact]
    public async Task DriftingClock_GetsA1012_AndSo_Does_A1013Request()
    {
        await using var gateway = new Hj212Gateway(Hj212Gateway.Options(Stack), "hj212-clock");
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var unitClock = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).DateTime.AddHours(2);
        await unit.SendAsync(Hj212Gateway.Packet($"QN={Hj212Time.FormatQn(unitClock)};ST=31;CN=2011;PW=123456;MN=88888880000001;Flag=5;CP=&&DataTime={Hj212Time.Format(unitClock)};a05001-Rtd=200000,a05001-Flag=N&&"));
        Assert.Contains("CN=9014", await unit.ReceiveAsync());
        var setTime = await unit.ReceiveAsync();
        Assert.Contains(";CN=1012;PW=123456;MN=88888880000001;Flag=5;CP=&&SystemTime=", setTime);
        Assert.True(Hj212Time.TryParse(setTime[^16..^2], out var set));
        Assert.True(Math.Abs((set - unitClock.AddHours(-2)).TotalSeconds) < 60);
        var realTime = Assert.Single(gateway.Readings());
        Assert.Equal(("stack-1-rt", (TimestampSource?)null), (realTime.Device, realTime.TsSource));

        await unit.SendAsync(Hj212Gateway.Packet("QN=20261204103000123;ST=31;CN=1013;PW=123456;MN=88888880000001;Flag=4;CP=&&&&"));
        Assert.Contains(";CN=1012;", await unit.ReceiveAsync());
    }

    [Fact]
    public async Task Relay_DeliversEveryByte_IncludingWhatArrivedWhileThePlatformWasDown()
    {
        int platformPort = FreePort.Next();
        var options = Hj212Gateway.Options(Stack);
        options.RelayTo = $"127.0.0.1:{platformPort}";
        await using var gateway = new Hj212Gateway(options, "hj212-relay");
        await using var unit = await Hj212Unit.ConnectAsync(gateway.Port);
        var sent = new List<byte>();
        for (int i = 0; i < 3; i++)
        {
            var packet = Hj212Gateway.Packet(Minute.Replace("20261204102900", $"2026120410{30 + i}00"));
            if (i == 1) packet[^3] ^= 1; // a bad CRC is relayed too: the plant's platform sees exactly what the unit sent
            sent.AddRange(packet);
            await unit.SendAsync(packet);
        }
        await unit.ReceiveAsync();
        await unit.ReceiveAsync();

        var platform = new TcpListener(IPAddress.Loopback, platformPort);
        platform.Start();
        try
        {
            using var link = await platform.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var last = Hj212Gateway.Packet(Minute.Replace("20261204102900", "20261204104000"));
            await unit.SendAsync(last);
            sent.AddRange(last);
            var received = new byte[sent.Count];
            int filled = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (filled < received.Length)
            {
                int read = await link.GetStream().ReadAsync(received.AsMemory(filled), timeout.Token);
                Assert.True(read > 0, "the relay closed the link");
                filled += read;
            }
            Assert.Equal(sent.ToArray(), received);
        }
        finally
        {
            platform.Stop();
        }
    }
}
