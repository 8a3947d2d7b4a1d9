using CarbonEdge.Cloud.Account.Reports;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Account;

/// <summary>Wiring of the enterprise carbon account (config section <c>account</c>).</summary>
internal static class AccountServiceExtensions
{
    /// <summary>What both the service and the <c>report</c> command need: the calculator and the report builder.</summary>
    public static IServiceCollection AddAccountCore(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration("account").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccountOptions>>().Value);
        services.AddSingleton<AccountDays>();
        services.AddSingleton<AccountCalculator>();
        services.AddSingleton<MonthlyReportBuilder>();
        return services;
    }

    /// <summary>The account in <c>cedge-cloud run</c>: the core plus warning evaluation and the webhook.</summary>
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddAccountCore();
        services.AddSingleton<WarningEvaluator>();
        services.AddSingleton(sp => new WarningWebhook(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, sp.GetRequiredService<AccountOptions>(),
            sp.GetRequiredService<Registry.RegistryStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WarningWebhook>>()));
        services.AddHostedService<WarningService>();
        return services;
    }
}
