using CarbonEdge.Cloud.Operations;
using System.Security.Cryptography;

namespace CarbonEdge.Cloud.Access;

/// <summary>
/// Accounts on mosquitto's dynamic-security plugin, made with <c>mosquitto_ctrl dynsec</c> (T/CES carbon statistics §8.2
/// ACL; DESIGN.md telemetry contract): a gateway's user <c>{site}.{gateway}</c> may publish, subscribe and receive only
/// under <c>carbonedge/v1/{site}/{gateway}/</c>; the cloud's account subscribes to every gateway's telemetry, status and
/// reply and publishes <c>cmd/</c>. The plugin's defaults deny publishing and subscribing to anything else.
/// </summary>
internal sealed class BrokerAccounts(BrokerOptions options)
{
    /// <summary>True when the admin account is configured.</summary>
    public bool Configured => options.AdminUsername is not null && options.AdminPassword is not null;

    /// <summary>Creates (or re-keys) the gateway's account and role; returns its username and a new random password.</summary>
    /// <exception cref="BrokerAccountException"><c>mosquitto_ctrl</c> failed (its output quoted).</exception>
    public async Task<(string Username, string Password)> CreateGatewayAsync(string site, string gateway, CancellationToken cancellationToken)
    {
        string user = $"{site}.{gateway}", role = $"gateway.{site}.{gateway}", prefix = $"carbonedge/v1/{site}/{gateway}/#";
        string password = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        await CtrlAsync(["createRole", role], cancellationToken, alreadyOk: true);
        foreach (var acl in (string[])["publishClientSend", "subscribePattern", "publishClientReceive"])
            await CtrlAsync(["addRoleACL", role, acl, prefix, "allow"], cancellationToken, alreadyOk: true);
        await CtrlAsync(["createClient", user, "-p", password], cancellationToken, alreadyOk: true);
        await CtrlAsync(["setClientPassword", user, password], cancellationToken);
        await CtrlAsync(["addClientRole", user, role], cancellationToken, alreadyOk: true);
        return (user, password);
    }

    /// <summary>Creates the cloud's account: telemetry, status and reply of every gateway in, commands out.</summary>
    public async Task CreateCloudAsync(string username, string password, CancellationToken cancellationToken)
    {
        const string role = "cloud";
        await CtrlAsync(["createRole", role], cancellationToken, alreadyOk: true);
        foreach (var (acl, topic) in new[]
                 {
                     ("subscribePattern", "carbonedge/v1/+/+/telemetry"), ("subscribePattern", "carbonedge/v1/+/+/status"),
                     ("subscribePattern", "carbonedge/v1/+/+/reply"), ("publishClientSend", "carbonedge/v1/+/+/cmd/#"),
                 })
            await CtrlAsync(["addRoleACL", role, acl, topic, "allow"], cancellationToken, alreadyOk: true);
        await CtrlAsync(["createClient", username, "-p", password], cancellationToken, alreadyOk: true);
        await CtrlAsync(["setClientPassword", username, password], cancellationToken);
        await CtrlAsync(["addClientRole", username, role], cancellationToken, alreadyOk: true);
    }

    private async Task CtrlAsync(string[] command, CancellationToken cancellationToken, bool alreadyOk = false)
    {
        string[] arguments = ["-h", options.Host, "-p", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-u", options.AdminUsername!, "-P", options.AdminPassword!, .. options.CtrlArguments, "dynsec", .. command];
        var (exit, output) = await ToolProcess.RunAsync(options.MosquittoCtrl, arguments, cancellationToken);
        if (exit is null) throw new BrokerAccountException($"{output}; install mosquitto-clients or set broker.mosquittoCtrl");
        if (exit != 0 && !(alreadyOk && output.Contains("already", StringComparison.OrdinalIgnoreCase)))
            throw new BrokerAccountException($"mosquitto_ctrl dynsec {command[0]} failed ({exit}): {output}");
    }
}

/// <summary>The broker refused or could not be reached for an account change.</summary>
internal sealed class BrokerAccountException(string message) : Exception(message);
