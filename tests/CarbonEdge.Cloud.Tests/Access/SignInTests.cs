using System.Net;
using System.Net.Http.Json;
using CarbonEdge.Cloud.Access;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// Dashboard sign-in (T/CEPPC 14-2023 §5.1; T/CES carbon statistics §8.2 MFA): password then TOTP for admins and
/// regulators, a session cookie that is HttpOnly and SameSite=Strict, lockout after repeated failures, every attempt audited.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class SignInTests(AccessFixture access)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_regulator_signs_in_with_password_and_totp_and_gets_a_strict_httponly_session()
    {
        string secret = AddUser("reg-signin", Roles.Regulator, "region:320500")!;
        using var client = Client(out var cookies);
        var withoutCode = await client.PostAsJsonAsync("/auth/sign-in", new { name = "reg-signin", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        var wrongCode = await client.PostAsJsonAsync("/auth/sign-in", new { name = "reg-signin", password = Password, code = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);

        string code = Code(secret);
        var ok = await client.PostAsJsonAsync("/auth/sign-in", new { name = "reg-signin", password = Password, code });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string setCookie = string.Join(";", ok.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains("httponly", setCookie);
        Assert.Contains("samesite=strict", setCookie);
        Assert.DoesNotContain("secure", setCookie); // plain HTTP here; Secure is set when the request came over HTTPS

        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/auth/me");
        Assert.Equal("regulator", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/enterprises/ent-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/enterprises/ent-2")).StatusCode);

        var replay = await Client(out _).PostAsJsonAsync("/auth/sign-in", new { name = "reg-signin", password = Password, code });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode); // a code is accepted once (the same code: a fresh one after a 30 s step would pass)

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sites")).StatusCode);
        var audit = access.Cloud.Services.GetRequiredService<AuditLog>().Read(0, 100_000, "sign-in");
        Assert.Contains(audit, r => r.Actor == "user:reg-signin" && r.Outcome == "ok" && r.Action == "sign-in.totp");
        Assert.Contains(audit, r => r.Actor == "user:reg-signin" && r.Outcome == "failed" && r.Detail == "BadTotp");
    }

    [Fact]
    public async Task An_enterprise_user_without_a_second_factor_signs_in_with_the_password()
    {
        Assert.Null(AddUser("plant-manager", Roles.Enterprise, "enterprise:ent-1"));
        using var client = Client(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/auth/sign-in", new { name = "plant-manager", password = Password })).StatusCode);
        Assert.Contains("plant-01", await client.GetStringAsync("/api/v1/sites"));
    }

    [Fact]
    public async Task Five_failures_in_a_row_lock_the_user_out_even_with_the_right_password()
    {
        AddUser("locked-user", Roles.Enterprise, "enterprise:ent-1");
        using var client = Client(out _);
        for (int i = 0; i < AccessStore.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/auth/sign-in", new { name = "locked-user", password = "wrong password!" })).StatusCode);
        var locked = await client.PostAsJsonAsync("/auth/sign-in", new { name = "locked-user", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("Too many failed sign-ins", await locked.Content.ReadAsStringAsync());
        var audit = access.Cloud.Services.GetRequiredService<AuditLog>().Read(0, 100_000, "sign-in");
        Assert.Contains(audit, r => r.Actor == "user:locked-user" && r.Detail == "LockedOut");
    }

    [Fact]
    public async Task Unknown_users_and_wrong_passwords_get_the_same_answer()
    {
        AddUser("known-user", Roles.Enterprise, "enterprise:ent-1");
        using var client = Client(out _);
        var unknown = await client.PostAsJsonAsync("/auth/sign-in", new { name = "nobody", password = Password });
        var wrong = await client.PostAsJsonAsync("/auth/sign-in", new { name = "known-user", password = "not the password" });
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Split("traceId")[0], (await wrong.Content.ReadAsStringAsync()).Split("traceId")[0]);
    }

    private string? AddUser(string name, string role, string scope)
    {
        Assert.True(AccessScope.TryParse(role, scope, out var parsed, out _));
        return access.Cloud.Services.GetRequiredService<AccessStore>().AddUser(name, role, parsed, Password, withTotp: false);
    }

    private static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);

    private HttpClient Client(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(access.Cloud.BaseUrl) };
    }
}
