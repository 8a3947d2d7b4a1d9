using System.ComponentModel.DataAnnotations;
using CarbonEdge.Cloud.Account;
using CarbonEdge.Cloud.Registry;

namespace CarbonEdge.Cloud.Tests.Account;

/// <summary><c>account.intensityTargets</c>: which target an enterprise gets, and bad entries refused at start.</summary>
public sealed class IntensityTargetOptionsTests
{
    private static readonly AccountOptions Options = new()
    {
        IntensityTargets =
        [
            new IntensityTargetOptions { Industry = "31", Tco2PerValueAdded = 3 },
            new IntensityTargetOptions { Industry = "3130", Tco2PerValueAdded = 2.5, TcePerValueAdded = 0.9 },
            new IntensityTargetOptions { Enterprise = "ent-1", Tco2PerValueAdded = 2 },
        ],
    };

    [Fact]
    public void The_enterprise_target_wins_then_the_longest_industry_code()
    {
        Assert.Equal(2, Options.IntensityTargetOf(new EnterpriseInfo("ent-1", "Steel", "320583", "3130"))!.Tco2PerValueAdded);
        Assert.Equal(0.9, Options.IntensityTargetOf(new EnterpriseInfo("ent-2", "Steel", "320583", "3130"))!.TcePerValueAdded);
        Assert.Equal(3, Options.IntensityTargetOf(new EnterpriseInfo("ent-3", "Ferroalloy", "320583", "3150"))!.Tco2PerValueAdded);
        Assert.Null(Options.IntensityTargetOf(new EnterpriseInfo("ent-4", "Mill", "320583", "2511")));
    }

    [Fact]
    public void Bad_targets_are_refused_at_start()
    {
        var bad = new AccountOptions
        {
            IntensityTargets =
            [
                new IntensityTargetOptions { Industry = "3130", Tco2PerValueAdded = 0 },
                new IntensityTargetOptions { Enterprise = "ent-1", Industry = "3130", Tco2PerValueAdded = 1 },
            ],
        };
        var errors = bad.Validate(new ValidationContext(bad)).Select(e => e.ErrorMessage).ToList();
        Assert.Equal(["account.intensityTargets (3130): tco2PerValueAdded must be > 0", "account.intensityTargets (ent-1): give either enterprise or industry"], errors);
        Assert.Empty(Options.Validate(new ValidationContext(Options)));
    }
}
