using Microsoft.AspNetCore.Authorization;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>Every endpoint declares who may call it (T/CES carbon statistics §8.2: ACL on every resource).</summary>
[Collection(AccessCollection.Name)]
public sealed class EndpointPolicyTests(AccessFixture access)
{
    /// <summary>Anonymous by design: liveness, readiness, metrics, sign-in, gateway provisioning (the one-time token is the credential), and the API description (no data).</summary>
    private static readonly string[] AnonymousAllowed = ["/healthz", "/readyz", "/metrics", "/auth/sign-in", "/provision", "/openapi/{documentName}.json"];

    /// <summary>The reference page and its scripts (Scalar) live under this prefix.</summary>
    private const string ReferencePage = "/reference";

    [Fact]
    public void Every_endpoint_declares_a_policy_and_only_health_metrics_sign_in_and_the_api_description_are_anonymous()
    {
        var endpoints = access.Endpoints();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            string pattern = endpoint.RoutePattern.RawText ?? "";
            bool anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            bool policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            bool listed = AnonymousAllowed.Contains(pattern) || pattern.StartsWith(ReferencePage, StringComparison.Ordinal);
            if (anonymous ? !listed : !policy) missing.Add($"{endpoint.DisplayName} ({pattern})");
        }
        Assert.True(missing.Count == 0, "endpoints without a policy (or anonymous without being on the list):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_api_endpoint_names_a_role_policy()
    {
        var api = access.Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy is not null));
    }
}
