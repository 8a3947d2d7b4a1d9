using CarbonEdge.Protocols.Mqtt.Formatter;

namespace CarbonEdge.Protocols.Mqtt.Tests.Formatter;

public class VariableByteIntegerTests
{
    // MQTT 3.1.1 §2.2.3 Table 2.4 / MQTT 5.0 §1.5.5 Table 1-1: the boundaries of each size.
    [Theory]
    [InlineData(0, "00")]
    [InlineData(127, "7F")]
    [InlineData(128, "8001")]
    [InlineData(16_383, "FF7F")]
    [InlineData(16_384, "808001")]
    [InlineData(2_097_151, "FFFF7F")]
    [InlineData(2_097_152, "80808001")]
    [InlineData(268_435_455, "FFFFFF7F")]
    public void Encodes_and_decodes_the_spec_table(int value, string hex)
    {
        Span<byte> buffer = stackalloc byte[4];
        int written = MqttVariableByteInteger.Write(buffer, value);
        Assert.Equal(hex, Hex.Format(buffer[..written]));
        Assert.Equal(written, MqttVariableByteInteger.GetSize(value));

        Assert.Equal(DecodeStatus.Complete, MqttVariableByteInteger.TryRead(Hex.Parse(hex), out int decoded, out int consumed));
        Assert.Equal(value, decoded);
        Assert.Equal(written, consumed);
        for (int prefix = 0; prefix < written; prefix++)
        {
            Assert.Equal(DecodeStatus.NeedMoreData, MqttVariableByteInteger.TryRead(Hex.Parse(hex)[..prefix], out _, out int none));
            Assert.Equal(0, none);
        }
    }

    [Fact]
    public void A_fifth_byte_is_invalid() =>
        Assert.Equal(DecodeStatus.Invalid, MqttVariableByteInteger.TryRead(Hex.Parse("FFFFFFFF7F"), out _, out _));

    [Fact]
    public void Values_beyond_four_bytes_are_rejected_on_encode() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MqttVariableByteInteger.GetSize(268_435_456));
}
