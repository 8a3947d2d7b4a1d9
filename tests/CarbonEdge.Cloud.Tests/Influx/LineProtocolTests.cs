using CarbonEdge.Cloud.Influx;

namespace CarbonEdge.Cloud.Tests.Influx;

public class LineProtocolTests
{
    private static LinePoint Point(string measurement, (string, string)[] tags, (string, object)[] fields, long ts = 1700000000123) =>
        new(measurement, tags.Select(t => KeyValuePair.Create(t.Item1, t.Item2)).ToList(),
            fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)).ToList(), ts);

    [Fact]
    public void Writes_a_reading_with_sorted_tags_and_typed_fields()
    {
        var point = Point("reading", [("site", "plant-01"), ("device", "m-101"), ("point", "power.active")],
            [("value", 12.5), ("quality", "good"), ("count", 3L), ("estimated", false)]);
        Assert.Equal("reading,device=m-101,point=power.active,site=plant-01 value=12.5,quality=\"good\",count=3i,estimated=false 1700000000123\n",
            LineProtocol.Format([point]));
    }

    [Fact]
    public void Escapes_as_the_line_protocol_reference_says()
    {
        var point = Point("my measure,x", [("tag key", "a=b,c d"), ("empty", "")], [("field key", "say \"hi\" \\o/")]);
        Assert.Equal("my\\ measure\\,x,tag\\ key=a\\=b\\,c\\ d field\\ key=\"say \\\"hi\\\" \\\\o/\" 1700000000123\n",
            LineProtocol.Format([point]));
    }

    [Fact]
    public void Writes_utf8_with_escapes_between_multibyte_text()
    {
        var point = Point("reading", [("device", "m-1"), ("name", "炉 2,东")], [("reason", "电表 \"超时\"")]);
        using var body = LineProtocol.Encode([point]);
        Assert.Equal("reading,device=m-1,name=炉\\ 2\\,东 reason=\"电表 \\\"超时\\\"\" 1700000000123\n", System.Text.Encoding.UTF8.GetString(body.Memory.Span));
    }

    [Fact]
    public void Doubles_round_trip_in_invariant_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("m value=0.1 1\n", LineProtocol.Format([Point("m", [], [("value", 0.1)], 1)]));
            Assert.Equal("m value=123456.78 1\n", LineProtocol.Format([Point("m", [], [("value", 123456.78)], 1)]));
            Assert.Equal("m value=1E+300 1\n", LineProtocol.Format([Point("m", [], [("value", 1e300)], 1)]));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_values_line_protocol_cannot_carry(double value)
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.Format([Point("m", [], [("value", value)])]));
    }

    [Fact]
    public void Refuses_newlines_and_points_without_fields()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.Format([Point("m", [("t", "a\nb")], [("value", 1.0)])]));
        Assert.Throws<ArgumentException>(() => LineProtocol.Format([Point("m", [("t", "a")], [])]));
    }

    [Fact]
    public void InfluxQl_literals_are_quoted()
    {
        Assert.Equal("'it\\'s'", InfluxQl.Literal("it's"));
        Assert.Equal("\"my \\\"db\\\"\"", InfluxQl.Identifier("my \"db\""));
        Assert.Equal("'2026-11-22T01:02:03.004Z'", InfluxQl.Time(new DateTimeOffset(2026, 11, 22, 9, 2, 3, 4, TimeSpan.FromHours(8))));
    }
}
