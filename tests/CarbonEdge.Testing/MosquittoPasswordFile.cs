namespace CarbonEdge.Testing;

/// <summary>A mosquitto password file made with <c>mosquitto_passwd -b</c>.</summary>
public static class MosquittoPasswordFile
{
    private static readonly Lazy<Task<string>> StandardFile = new(() =>
        CreateAsync(RunFolder.Create("mosquitto-accounts"), [.. MosquittoAccount.Standard.Select(a => (a.Username, a.Password))]));

    /// <summary>The run's one password file with <see cref="MosquittoAccount.Standard"/> (made once, shared by every broker).</summary>
    public static Task<string> StandardAsync() => StandardFile.Value;

    /// <summary>Creates <c>passwd</c> in <paramref name="folder"/> with <paramref name="users"/>; returns its path.</summary>
    public static async Task<string> CreateAsync(RunFolder folder, params (string User, string Password)[] users)
    {
        string passwords = folder.File("passwd");
        foreach (var (user, password) in users)
        {
            string[] create = File.Exists(passwords) ? [] : ["-c"];
            await using var passwd = ExternalProcess.Start("mosquitto_passwd", [.. create, "-b", passwords, user, password], folder.File("passwd.log"));
            int code = await passwd.WaitForExitAsync(TimeSpan.FromSeconds(20));
            if (code != 0) throw new InvalidOperationException($"mosquitto_passwd exited with {code}: {passwd.ReadLog()}");
        }
        return passwords;
    }
}
