using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Framing;
using CarbonEdge.Protocols.Hj212.Segment;

namespace CarbonEdge.Protocols.Hj212.Tests;

public class SegmentTests
{
    private static Hj212Packet Parse(string packet)
    {
        Assert.True(Hj212Segment.TryParse(packet[6..^6], out var parsed, out var error, out var detail), $"{error}: {detail}");
        return parsed!;
    }

    [Fact]
    public void HourData_Fields_AndCp()
    {
        var packet = Parse(Fixtures.IceCoffeeHour);
        Assert.Equal(("20190925181031464", "22", Hj212CommandCode.HourData, "BF470F88957588DE902D1A52", "Z13401000010301"),
            (packet.Qn, packet.St, packet.Cn, packet.Pw, packet.Mn));
        Assert.Equal(new Hj212Flag(1, false, true), packet.Flag);
        Assert.True(packet.AnswerRequired);
        Assert.True(Hj212Cp.TryParse(packet.Cp, out var cp, out _));
        Assert.Equal(new DateTime(2019, 9, 24, 22, 0, 0), cp!.DataTime);
        Assert.Equal(["a34006", "a34007", "a34048", "a34047", "a34049"], cp.Pollutants.Select(p => p.Code));
        Assert.True(cp.Pollutants[4].TryGetNumber("Avg", out double avg));
        Assert.Equal(10.663, avg);
        Assert.Equal('N', cp.Pollutants[4].Flag);
    }

    [Fact]
    public void Hjt2005Packet_WithoutQnAndFlag_AndMillisecondDataTime()
    {
        var packet = Parse(Fixtures.XiaoyaoRealTime);
        Assert.Null(packet.Qn);
        Assert.Null(packet.Flag);
        Assert.True(Hj212Cp.TryParse(packet.Cp, out var cp, out _));
        Assert.Equal(new DateTime(2016, 8, 24, 0, 38, 17), cp!.DataTime);
        Assert.Null(cp.Pollutants[0].Flag);
        Assert.Equal("231.0", cp.Pollutants[1]["Rtd"]);
    }

    [Fact]
    public void SameCodeInTwoGroups_IsMerged()
    {
        Assert.True(Hj212Cp.TryParse("DataTime=20240101120000;01-Rtd=3.56,01-Flag=N;01-ZsRtd=4.93,01-Flag=N", out var cp, out _));
        var only = Assert.Single(cp!.Pollutants);
        Assert.Equal(["Rtd", "Flag", "ZsRtd", "Flag"], only.Fields.Select(f => f.Key));
    }

    [Theory]
    [InlineData("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30", Hj212SegmentError.Garbled)]
    [InlineData("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=X;Flag=5;RtdInterval=30&&", Hj212SegmentError.MissingField)]
    [InlineData("QN=20160801085857223;ST=32;CN=1062;PW=100000;Flag=5;CP=&&&&", Hj212SegmentError.MissingField)]
    [InlineData("QN=20160801085857223;ST=32;CN=10x2;PW=1;MN=X;CP=&&&&", Hj212SegmentError.BadCn)]
    [InlineData("QN=2016;ST=32;CN=1062;PW=1;MN=X;CP=&&&&", Hj212SegmentError.BadQn)]
    [InlineData("ST=32;CN=1062;PW=1;MN=X;Flag=999;CP=&&&&", Hj212SegmentError.BadFlag)]
    [InlineData("ST=32;CN=2011;PW=1;MN=X;Flag=7;PNUM=2;PNO=3;CP=&&&&", Hj212SegmentError.BadFlag)]
    [InlineData("ST=32;CN=2011;PW=1;MN=X;Flag=5;PNUM=2;PNO=1;CP=&&&&", Hj212SegmentError.BadFlag)]
    [InlineData("ST=32;ST=32;CN=2011;PW=1;MN=X;CP=&&&&", Hj212SegmentError.Garbled)]
    [InlineData("ST=32;CN=2011;PW=1;MN=X;Foo=1;CP=&&&&", Hj212SegmentError.Garbled)]
    [InlineData("ST=32;CN;PW=1;MN=X;CP=&&&&", Hj212SegmentError.Garbled)]
    public void BadSegments_AreRejectedWithTheirReason(string segment, Hj212SegmentError expected)
    {
        Assert.False(Hj212Segment.TryParse(segment, out _, out var error, out var detail));
        Assert.Equal(expected, error);
        Assert.False(string.IsNullOrEmpty(detail));
    }

    [Theory]
    [InlineData("DataTime=20241301000000;a05001-Rtd=1")]
    [InlineData("DataTime=20240101000000;a05001Rtd")]
    [InlineData("DataTime=20240101000000;-Rtd=1")]
    [InlineData("DataTime=20240101000000;a05001-=1")]
    [InlineData("DataTime=20240101000000;DataTime=20240101000100")]
    public void GarbledCp_IsRejected(string cp) => Assert.False(Hj212Cp.TryParse(cp, out _, out _));

    [Fact]
    public void SplitPackets_AreReassembledInPnoOrder_WhateverTheArrivalOrder()
    {
        var reassembler = new Hj212SplitReassembler();
        Hj212Packet Part(int k, string cp) => new("20240101120000000", "31", Hj212CommandCode.MinuteData, "pw", "MN1", new Hj212Flag(1, true, true), 3, k, cp);
        Assert.Null(reassembler.Add(Part(2, "DataTime=20240101120000;a19001-Avg=7.1,a19001-Flag=N")));
        Assert.Null(reassembler.Add(Part(3, "DataTime=20240101120000;a01012-Avg=120,a01012-Flag=N")));
        var whole = reassembler.Add(Part(1, "DataTime=20240101120000;a05001-Avg=200000,a05001-Flag=N"));
        Assert.NotNull(whole);
        Assert.False(whole.IsSplit);
        Assert.True(Hj212Cp.TryParse(whole.Cp, out var cp, out _));
        Assert.Equal(["a05001", "a19001", "a01012"], cp!.Pollutants.Select(p => p.Code));
        Assert.True(Hj212Segment.TryParse(Hj212Segment.Format(whole), out _, out _, out _));
    }

    [Fact]
    public void Reassembler_BoundsWaitingPackets()
    {
        var reassembler = new Hj212SplitReassembler();
        for (int i = 0; i <= Hj212SplitReassembler.MaxPending; i++)
        {
            reassembler.Add(new($"2024010112{i:D2}00000", "31", Hj212CommandCode.MinuteData, "pw", "MN1", new Hj212Flag(1, true, false), 2, 1, ""));
        }
        Assert.Equal(1, reassembler.Abandoned);
    }

    [Fact]
    public void Replies_AsThePlatformSendsThem()
    {
        var data = Parse(Fixtures.IceCoffeeHour);
        Assert.Equal("QN=20190925181031464;ST=91;CN=9014;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=4;CP=&&&&",
            Hj212Segment.Format(Hj212Replies.DataReply(data)));
        Assert.Equal("QN=20190925181031464;ST=91;CN=9011;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=4;CP=&&QnRtn=3&&",
            Hj212Segment.Format(Hj212Replies.RequestReply(data, Hj212RequestResult.WrongPassword)));
        var set = Hj212Replies.SetTime("20240101120000123", "31", "pw", "MN1", new DateTime(2024, 1, 1, 12, 0, 5), "a05001");
        Assert.Equal("QN=20240101120000123;ST=31;CN=1012;PW=pw;MN=MN1;Flag=5;CP=&&PolId=a05001;SystemTime=20240101120005&&", Hj212Segment.Format(set));
        var framed = Hj212Framing.Encode(Hj212Segment.Format(set));
        Assert.Equal(DecodeStatus.Complete, Hj212Framing.TryDecode(framed, Hj212CrcMode.Hj212, out _, out _, out _));
    }
}
