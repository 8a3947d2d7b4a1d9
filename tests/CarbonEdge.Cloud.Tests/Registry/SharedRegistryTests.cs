using CarbonEdge.Cloud.Registry;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Registry;

/// <summary>Several cloud instances on one registry file (docs/scaling.md), here two stores on one SQLite file.</summary>
public sealed class SharedRegistryTests
{
    private readonly RunFolder _folder = RunFolder.Create("shared-registry");

    private string DbPath => _folder.File("registry.db");

    /// <summary>Enterprise, site and device <paramref name="n"/>, each new, in one seed.</summary>
    private static RegistrySeed Plant(int n) => new()
    {
        Enterprises = [new EnterpriseInfo($"ent-{n}", $"Enterprise {n}", "320583", "3130")],
        Sites = [new SiteInfo($"plant-{n}", $"ent-{n}", $"Plant {n}")],
        Devices = [new DeviceInfo($"plant-{n}", "m-1", "meter", "Incomer", 1, null, 60)],
    };

    [Fact]
    public async Task A_device_another_instance_adds_is_tagged_here_without_a_restart()
    {
        using var ingesting = RegistryStore.Open(DbPath);
        using var api = RegistryStore.Open(DbPath);
        Assert.Null(ingesting.FindDevice("plant-1", "m-1"));

        api.Seed(Plant(1));

        await Poll.UntilAsync("plant-1/m-1 seen by the other store", TimeSpan.FromSeconds(10),
            () => ingesting.FindDevice("plant-1", "m-1") is not null);
        Assert.Equal("ent-1", ingesting.FindDevice("plant-1", "m-1")!.Enterprise.Id);
        Assert.Single(ingesting.Devices());
    }

    [Fact]
    public async Task Opening_while_another_instance_seeds_sees_each_seed_whole_or_not_at_all()
    {
        using var seeding = RegistryStore.Open(DbPath);
        const int Seeds = 200;
        var writer = Task.Run(() =>
        {
            for (int n = 0; n < Seeds; n++) seeding.Seed(Plant(n));
        });
        int opens = 0;
        while (!writer.IsCompleted || opens == 0)
        {
            using var opened = RegistryStore.Open(DbPath);
            Assert.All(opened.Devices(), d => Assert.Equal(d.Device.Site.Replace("plant-", "ent-"), d.Enterprise.Id));
            opens++;
        }
        await writer;
        using var last = RegistryStore.Open(DbPath);
        Assert.Equal(Seeds, last.Devices().Count);
    }
}
