using CarbonEdge.Edge.Tests.Modbus;
using CarbonEdge.Testing;

namespace CarbonEdge.Edge.Tests.Hj212;

/// <summary><c>cedge read hj212</c> as a real process, a test unit connecting to it over TCP.</summary>
public class Hj212ReadCommandTests
{
    private const string HourData =
        "##0285QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=5;CP=&&DataTime=20190924220000;a34006-Avg=2.69700,a34006-Flag=N;a34007-Avg=7.96600,a34007-Flag=N;a34048-Avg=3.30600,a34048-Flag=N;a34047-Avg=7.35700,a34047-Flag=N;a34049-Avg=10.66300,a34049-Flag=N&&C181\r\n";

    private const string StandardExample =
        "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";

    [Fact]
    public async Task PrintsEveryItem_AnswersFlagA_AndExitsAfterCount()
    {
        int port = FreePort.Next();
        var run = Cedge.RunAsync("read", "hj212", "--listen", $"127.0.0.1:{port}", "--count", "2");
        await using (var unit = await Hj212Unit.ConnectAsync(port))
        {
            await unit.SendAsync(HourData);
            Assert.Equal("QN=20190925181031464;ST=91;CN=9014;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=4;CP=&&&&", await unit.ReceiveAsync());
            await unit.SendAsync(StandardExample);
            var (code, output, error) = await run;
            Assert.True(code == 0, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.StartsWith("MN", lines[0]);
            Assert.Equal(["Z13401000010301", "2061", "20190924220000", "a34049", "Avg", "10.66300", "N", "ok"], lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(lines, l => l.Contains("RtdInterval") && l.EndsWith("ok"));
            Assert.Equal("2 packets, 0 rejected", lines[^1]);
        }
    }

    [Fact]
    public async Task RejectedPackets_AreRowsWithBadCrc_AndTheExitCodeIsOne()
    {
        int port = FreePort.Next();
        var run = Cedge.RunAsync("read", "hj212", "--listen", $"127.0.0.1:{port}", "--count", "2", "--crc", "either");
        await using var unit = await Hj212Unit.ConnectAsync(port);
        await unit.SendAsync(StandardExample.Replace("1C80", "0759") + StandardExample.Replace("1C80", "1C81"));
        var (code, output, error) = await run;
        Assert.Equal(1, code);
        Assert.Contains("ok (modbus)", output);
        Assert.Contains("bad_crc", error);
        Assert.Contains("2 packets, 1 rejected", output);
    }

    [Fact]
    public async Task BadListenAddress_SaysWhatToWrite()
    {
        var (code, _, error) = await Cedge.RunAsync("read", "hj212", "--listen", "localhost");
        Assert.Equal(2, code);
        Assert.Contains("HOST:PORT", error);
    }
}
