using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CarbonEdge.Edge.Cli;

/// <summary>
/// <c>cedge provision --cloud URL --token T --config FILE</c>: on a new gateway, trades the one-time provisioning token
/// an admin made (<c>cedge-cloud broker token</c>) for the gateway's own broker account at <c>POST {cloud}/provision</c>,
/// and writes site, gateway id, broker URL, username and password into the config file (created when missing; other
/// settings kept; file mode 600). The password is never printed.
/// </summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var cloud = new Option<string>("--cloud") { Description = "Cloud base URL, e.g. https://carbon.example.com", Required = true };
        var token = new Option<string>("--token") { Description = "One-time provisioning token (cpt_...)", Required = true };
        var config = new Option<FileInfo>("--config") { Description = "Gateway config file to write the credentials into", Required = true };
        var command = new Command("provision", "Fetch this gateway's broker credentials from the cloud with a one-time token and write them into its config") { cloud, token, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = result.GetValue(config)!;
            if (!Uri.TryCreate(result.GetValue(cloud)!.TrimEnd('/') + "/", UriKind.Absolute, out var cloudUrl) || cloudUrl.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"error: --cloud {result.GetValue(cloud)} is not an http(s) URL (e.g. https://carbon.example.com)");
                return 2;
            }
            JsonObject document;
            try
            {
                document = file.Exists ? JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)) as JsonObject ?? new JsonObject() : new JsonObject();
            }
            catch (JsonException ex)
            {
                Console.Error.WriteLine($"error: {file.FullName} is not valid JSON ({ex.Message}); fix it or give a new file");
                return 2;
            }
            using var http = new HttpClient { BaseAddress = cloudUrl, Timeout = TimeSpan.FromSeconds(30) };
            JsonObject answer;
            try
            {
                using var request = new StringContent(new JsonObject { ["token"] = result.GetValue(token) }.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("provision", request, cancellationToken);
                string body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    string detail = TryDetail(body) ?? body;
                    Console.Error.WriteLine($"error: the cloud refused provisioning ({(int)response.StatusCode}): {detail}");
                    return 1;
                }
                answer = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                Console.Error.WriteLine($"error: cannot provision at {cloudUrl}: {ex.Message} (check --cloud and the network)");
                return 1;
            }
            var gateway = document["gateway"] as JsonObject ?? new JsonObject();
            gateway["site"] = answer["site"]?.GetValue<string>();
            gateway["id"] = answer["gateway"]?.GetValue<string>();
            document["gateway"] = gateway;
            var mqtt = document["mqtt"] as JsonObject ?? new JsonObject();
            mqtt["url"] = answer["mqttUrl"]?.GetValue<string>();
            mqtt["username"] = answer["username"]?.GetValue<string>();
            mqtt["password"] = answer["password"]?.GetValue<string>();
            document["mqtt"] = mqtt;
            string temp = file.FullName + ".tmp";
            await File.WriteAllTextAsync(temp, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, file.FullName, overwrite: true);
            Console.WriteLine($"provisioned {gateway["site"]}/{gateway["id"]}: broker {mqtt["url"]} as {mqtt["username"]}; written to {file.FullName}");
            return 0;
        });
        return command;
    }

    private static string? TryDetail(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["detail"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
