using CarbonEdge.Cloud.Access;
using CarbonEdge.Testing;

namespace CarbonEdge.Cloud.Tests.Access;

/// <summary>
/// <c>cedge-cloud users add</c> and <c>keys create/list/revoke</c> as an operator runs them (real processes): the key
/// alone on the last line and usable, the password from stdin, scopes checked against the role, every change audited.
/// </summary>
public sealed class AccessCommandTests
{
    private readonly RunFolder _folder = RunFolder.Create("access-cli");

    public AccessCommandTests() => File.WriteAllText(_folder.File("cedge-cloud.json"), """{ "registry": { "path": "registry.db" } }""");

    [Fact]
    public async Task Keys_create_prints_the_key_alone_on_its_last_line_list_shows_it_without_the_secret_and_revoke_ends_it()
    {
        var (exit, output) = await RunAsync(null, "keys", "create", "--name", "regional-platform", "--role", "regulator", "--scope", "region:320500,region:110000", "--expires", "30");
        Assert.True(exit == 0, output);
        string key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("cek_", key);
        using (var store = AccessStore.Open(_folder.File("registry.db")))
        {
            var info = store.Authenticate(key, out _);
            Assert.NotNull(info);
            Assert.Equal("region:320500,region:110000", info.Scope.ToString());
            Assert.NotNull(info.Expires);
        }
        var (_, list) = await RunAsync(null, "keys", "list");
        Assert.Contains("regional-platform", list);
        Assert.Contains("active", list);
        Assert.DoesNotContain(key.Split('_', 3)[2], list); // the secret, which may itself hold '_'
        Assert.Equal(0, (await RunAsync(null, "keys", "revoke", "regional-platform")).Exit);
        Assert.Contains("revoked", (await RunAsync(null, "keys", "list")).Output);
        Assert.Equal(1, (await RunAsync(null, "keys", "revoke", "regional-platform")).Exit);
        using var audit = AuditLog.Open(_folder.File("registry.db"));
        Assert.Equal(["key.create", "key.revoke"], audit.Read(0, 100).Select(e => e.Action));
        Assert.Null(audit.Verify().Problem);
    }

    [Theory]
    [InlineData("regulator", null, "region:CODE")]
    [InlineData("regulator", "enterprise:ent-1", "region:CODE")]
    [InlineData("enterprise", "region:320500", "enterprise:ID")]
    [InlineData("admin", "region:320500", "takes no scope")]
    [InlineData("owner", null, "unknown role")]
    [InlineData("regulator", "region:32050", "six-digit")]
    public async Task A_scope_that_does_not_fit_the_role_is_refused(string role, string? scope, string said)
    {
        string[] args = scope is null ? ["keys", "create", "--name", "k", "--role", role] : ["keys", "create", "--name", "k", "--role", role, "--scope", scope];
        var (exit, output) = await RunAsync(null, args);
        Assert.Equal(2, exit);
        Assert.Contains(said, output);
    }

    [Fact]
    public async Task Users_add_reads_the_password_from_stdin_and_gives_admins_a_totp_secret()
    {
        var (exit, output) = await RunAsync("a long admin password", "users", "add", "--name", "ops", "--role", "admin");
        Assert.True(exit == 0, output);
        Assert.Contains("otpauth://totp/CarbonEdge:ops?secret=", output);
        var (manager, managerOutput) = await RunAsync("a long manager password", "users", "add", "--name", "manager", "--role", "enterprise", "--scope", "enterprise:ent-1");
        Assert.True(manager == 0, managerOutput);
        Assert.DoesNotContain("otpauth", managerOutput);
        Assert.Equal(2, (await RunAsync("short", "users", "add", "--name", "x", "--role", "public")).Exit);
        using var store = AccessStore.Open(_folder.File("registry.db"));
        Assert.Equal(SignInCheck.TotpRequired, store.CheckSignIn("ops", "a long admin password", null, out _));
        Assert.Equal(SignInCheck.Success, store.CheckSignIn("manager", "a long manager password", null, out _));
    }

    private async Task<(int Exit, string Output)> RunAsync(string? stdin, params string[] args)
    {
        string log = _folder.File($"cli-{Guid.NewGuid():N}.log");
        await using var process = ExternalProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cedge-cloud.dll"), .. args, "--config", _folder.File("cedge-cloud.json")], log);
        if (stdin is not null) await process.WriteInputAndCloseAsync(stdin);
        int exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, process.ReadLog());
    }
}
