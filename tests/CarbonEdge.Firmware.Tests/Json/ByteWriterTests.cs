using System.Globalization;
using System.Text;
using System.Text.Json;
using CarbonEdge.Firmware.Core.Json;
using FsCheck;
using FsCheck.Fluent;

namespace CarbonEdge.Firmware.Tests.Json;

/// <summary>The hand-written JSON pieces against .NET's own formatting (invariant culture, RFC 3339).</summary>
public sealed class ByteWriterTests
{
    [Theory]
    [InlineData(12345678L, 2, "123456.78")]
    [InlineData(-500000L, 6, "-0.5")]
    [InlineData(50L, 0, "50")]
    [InlineData(0L, 6, "0")]
    [InlineData(1L, 6, "0.000001")]
    [InlineData(long.MinValue + 1, 6, "-9223372036854.775807")]
    public void Decimal_numbers(long scaled, int decimals, string expected) =>
        Assert.Equal(expected, Write(w => w.Decimal(scaled, decimals)));

    [Fact]
    public void Decimal_numbers_equal_the_invariant_decimal_formatting()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), scaled =>
        {
            string expected = (scaled / 1_000_000m).ToString(CultureInfo.InvariantCulture);
            if (expected.Contains('.')) expected = expected.TrimEnd('0').TrimEnd('.');
            return Write(w => w.Decimal(scaled, 6)) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Timestamps_equal_the_rfc_3339_utc_formatting_from_1970_to_2199()
    {
        Prop.ForAll(Gen.Choose(0, 83_000).Select(d => d * 86_400_000L + d * 7919L % 86_400_000).ToArbitrary(), ms =>
        {
            string expected = "\"" + DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime
                .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\"";
            return Write(w => w.Timestamp(ms)) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Strings_are_escaped_as_json()
    {
        string text = "a\"b\\c\n\u00e9";
        Assert.Equal(text, JsonSerializer.Deserialize<string>(Write(w => w.String(text))));
    }

    [Fact]
    public void A_write_that_does_not_fit_is_flagged()
    {
        var w = new ByteWriter(new byte[4]);
        w.Integer(12345);
        Assert.True(w.Overflowed);
        Assert.Equal(4, w.Position);
    }

    private static string Write(Action<ByteWriter> write)
    {
        var w = new ByteWriter(new byte[256]);
        write(w);
        Assert.False(w.Overflowed);
        return Encoding.ASCII.GetString(w.Buffer, 0, w.Position);
    }
}
