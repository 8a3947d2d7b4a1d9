using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// Dashboard sign-in (T/CEPPC 14-2023 §5.1 strong authentication; T/CES carbon statistics §8.2 MFA): <c>POST /auth/sign-in</c>
/// with name, password and (for users with a second factor) a TOTP code sets an HttpOnly, SameSite=Strict session cookie
/// (Secure over HTTPS); <c>GET /auth/me</c> says who is signed in; <c>POST /auth/sign-out</c> ends the session.
/// </summary>
internal static class AccessEndpoints
{
    /// <summary>The rate-limiter policy of the sign-in endpoint.</summary>
    public const string SignInLimit = "sign-in";

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInLimit).DisableAntiforgery();
        auth.MapGet("/me", Me).RequireAuthorization();
        auth.MapPost("/sign-out", SignOutAsync).RequireAuthorization().DisableAntiforgery();
        app.MapProvisioning();
        return app;
    }

    /// <summary>
    /// <c>POST /auth/sign-in</c> <c>{"name","password","code"}</c>: 200 with the caller and a session cookie; 401 (the
    /// same answer for an unknown name, a wrong password, a missing or wrong code) or 401 "locked" after
    /// <see cref="AccessStore.MaxFailures"/> failures in a row. Every attempt is audited.
    /// </summary>
    internal static async Task<Results<Ok<CallerDto>, ProblemHttpResult, ValidationProblem>> SignInAsync(SignInRequest request, HttpContext http,
        AccessStore store, Auditor auditor)
    {
        if (string.IsNullOrEmpty(request.Name) || string.IsNullOrEmpty(request.Password) || request.Name.Length > 64 || request.Password.Length > 256)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name and password are required (name at most 64, password at most 256 characters)"] });
        string actor = AccessStore.IsValidName(request.Name) ? $"user:{request.Name}" : $"anonymous@{http.Connection.RemoteIpAddress}";
        var check = store.CheckSignIn(request.Name, request.Password, request.Code, out var user);
        auditor.Record(actor, user?.TotpSecret is null ? "sign-in" : "sign-in.totp", $"from {http.Connection.RemoteIpAddress}",
            check == SignInCheck.Success ? "ok" : "failed", check.ToString());
        if (check != SignInCheck.Success || user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed",
                detail: check == SignInCheck.LockedOut
                    ? $"Too many failed sign-ins: try again in {AccessStore.LockoutDuration.TotalMinutes:0} minutes or ask an admin to reset the user."
                    : "Name, password or authenticator code is wrong.");
        }
        var caller = new Caller(user.Name, user.Role, user.Scope, "user");
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, caller.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Ok(CallerDto.Of(caller));
    }

    /// <summary><c>GET /auth/me</c>: the signed-in caller's name, role and scope (401 when signed out).</summary>
    internal static Results<Ok<CallerDto>, UnauthorizedHttpResult> Me(ClaimsPrincipal user) =>
        Caller.From(user) is { } caller ? TypedResults.Ok(CallerDto.Of(caller)) : TypedResults.Unauthorized();

    /// <summary><c>POST /auth/sign-out</c>: ends the dashboard session.</summary>
    internal static async Task<NoContent> SignOutAsync(HttpContext http, Auditor auditor)
    {
        auditor.Record(http, "sign-out", "", "ok");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}

/// <summary>A sign-in: user name, password, and the 6-digit authenticator code when the user has a second factor.</summary>
internal sealed record SignInRequest(string? Name, string? Password, string? Code);

/// <summary>Who the caller is.</summary>
/// <param name="Name">User or key name.</param>
/// <param name="Role"><c>admin</c>, <c>regulator</c>, <c>enterprise</c> or <c>public</c>.</param>
/// <param name="Scope"><c>region:CODE</c> and <c>enterprise:ID</c> entries, comma-separated (empty for admin and public).</param>
internal sealed record CallerDto(string Name, string Role, string Scope)
{
    public static CallerDto Of(Caller caller) => new(caller.Name, caller.Role, caller.Scope.ToString());
}
