using CarbonEdge.Protocols.Dlt645.Data;
using CarbonEdge.Protocols.Telemetry;

namespace CarbonEdge.Protocols.Dlt645.Tests;

/// <summary>Every catalogued DI maps to a telemetry point of the contract with the same unit.</summary>
public class CatalogTests
{
    [Fact]
    public void EveryMappedPoint_IsAContractPoint_WithTheSameUnit()
    {
        foreach (var item in Dlt645Catalog.All)
        {
            foreach (var point in item.Points.OfType<string>())
            {
                Assert.True(Points.TryGet(point, out var definition), $"{item.Identifier}: point {point} is not in the contract");
                Assert.Equal(definition.Unit, item.Unit);
            }
        }
    }

    [Theory]
    [InlineData("00010000", "energy.active.import", "XXXXXX.XX", false)]
    [InlineData("00000000", "energy.active.combined", "XXXXXX.XX", true)]
    [InlineData("00020000", "energy.active.export", "XXXXXX.XX", false)]
    [InlineData("02010300", "voltage.c", "XXX.X", false)]
    [InlineData("02020100", "current.a", "XXX.XXX", true)]
    [InlineData("02030000", "power.active", "XX.XXXX", true)]
    [InlineData("02040200", "power.reactive.b", "XX.XXXX", true)]
    [InlineData("02050000", "power.apparent", "XX.XXXX", true)]
    [InlineData("02060000", "power.factor", "X.XXX", true)]
    [InlineData("02800002", "frequency", "XX.XX", false)]
    [InlineData("05060101", "energy.active.import.frozen", "XXXXXX.XX", false)]
    [InlineData("9010", "energy.active.import", "XXXXXX.XX", false)]
    [InlineData("B621", "current.a", "XX.XX", false)]
    public void Identifier_HasTheStandardsFormat_AndPoint(string di, string point, string picture, bool signed)
    {
        Assert.True(Dlt645Catalog.TryGet(Dlt645DataIdentifier.Parse(di), out var item));
        Assert.Equal((point, picture, signed), (item.Points[0], item.Format.Picture, item.Format.Signed));
    }

    [Fact]
    public void Blocks_ListTheirElements()
    {
        Assert.True(Dlt645Catalog.TryGet(new(0x0201FF00), out var voltages));
        Assert.Equal(["voltage.a", "voltage.b", "voltage.c"], voltages.Points);
        Assert.True(Dlt645Catalog.TryGet(new(0x0203FF00), out var powers));
        Assert.Equal(["power.active", "power.active.a", "power.active.b", "power.active.c"], powers.Points);
        Assert.True(Dlt645Catalog.TryGet(Dlt645Catalog.DailyFrozenForwardActiveEnergyOf(2), out var frozen));
        Assert.True(frozen.IsBlock && frozen.IsFrozenEnergy);
        Assert.Equal("05060102", frozen.Identifier.ToString());
    }
}
