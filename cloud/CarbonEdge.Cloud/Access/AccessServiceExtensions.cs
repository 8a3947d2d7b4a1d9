using System.Threading.RateLimiting;
using CarbonEdge.Cloud.Hosting;
using CarbonEdge.Cloud.Registry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Cloud.Access;

/// <summary>Wiring of identities, policies, the audit log, the sign-in and API rate limits (ASP.NET Core's own authentication, authorization and rate limiter).</summary>
internal static class AccessServiceExtensions
{
    private const string Selector = "cedge";

    /// <summary>Access store and audit log in the registry file of <paramref name="configFile"/>, the two schemes, the policies.</summary>
    public static IServiceCollection AddCloudAccess(this IServiceCollection services, string configFile)
    {
        services.AddOptions<AccessOptions>().BindConfiguration("access").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => AccessStore.Open(RegistryPath(sp, configFile), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => AuditLog.Open(RegistryPath(sp, configFile), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Auditor>();
        services.AddSingleton(sp => ProvisioningTokens.Open(RegistryPath(sp, configFile), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<BrokerOptions>().BindConfiguration("broker");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BrokerOptions>>().Value);
        services.AddSingleton<BrokerAccounts>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key or session cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme).Configure<IOptions<AccessOptions>>((o, access) =>
        {
            o.Cookie.Name = "cedge.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(access.Value.SessionMinutes);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.ScopedRead, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(AccessPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(AccessPolicies.EnterpriseWrite, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Enterprise));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = ApiRateLimit.Create();
            o.OnRejected = ApiRateLimit.OnRejectedAsync;
            o.AddPolicy(AccessEndpoints.SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.SignInsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return services;
    }

    /// <summary>
    /// Authentication, the rate limiter (after authentication, so that it knows the API key; before authorization, so that
    /// unauthenticated floods are limited too) and authorization (with the audited fallback: every request authenticated
    /// unless an endpoint allows anonymous).
    /// </summary>
    public static WebApplication UseCloudAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static string RegistryPath(IServiceProvider services, string configFile) =>
        ConfigPaths.Resolve(configFile, services.GetRequiredService<IOptions<RegistryOptions>>().Value.Path);
}
