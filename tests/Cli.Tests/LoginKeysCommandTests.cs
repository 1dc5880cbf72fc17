using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorCloud.Cli.Tests.Support;

namespace ActorCloud.Cli.Tests;

/// <summary>
/// <c>actorcloud login-keys create|list|delete</c> and <c>actorcloud tokens rotate</c> against the real host, proving
/// the keys work by signing in with them as an end user would.
/// </summary>
public sealed class LoginKeysCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Create_writes_an_owner_only_key_file_whose_tickets_sign_in_until_the_key_is_deleted()
    {
        var path = Path.Combine(TempFolder(), "key.json");

        var created = await server.RunAsync("login-keys", "create", "--output", path);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("shown only once", created.Error);
        if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var key = ReadKeyFile(await File.ReadAllTextAsync(path));
        Assert.Equal($"wrote key {key.Id} to {path}", created.Out.Trim());
        Assert.Equal(ServerFixture.Env, key.Env);
        var (status, answer) = await SignInAsync(key);
        Assert.True(status == 200 && answer.TryGetProperty("access_token", out _), answer.ToString());

        var listed = await server.RunAsync("login-keys", "list");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.StartsWith("ID", listed.Out);
        Assert.Contains(listed.Out.Split('\n'), line => line.StartsWith(key.Id + "  "));

        var deleted = await server.RunAsync("login-keys", "delete", key.Id);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal($"deleted {key.Id}", deleted.Out.Trim());
        Assert.DoesNotContain(key.Id, (await server.RunAsync("login-keys", "list")).Out);
        Assert.Equal(400, (await SignInAsync(key)).Status);
    }

    [Fact]
    public async Task Create_without_output_prints_the_key_file_on_stdout()
    {
        var created = await server.RunAsync("login-keys", "create");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("shown only once", created.Error);
        var key = ReadKeyFile(created.Out);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", key.PrivateKey);
        Assert.Equal(200, (await SignInAsync(key)).Status);
        Assert.Equal(0, (await server.RunAsync("login-keys", "delete", key.Id)).ExitCode);
    }

    [Fact]
    public async Task Create_refuses_an_existing_file_without_force_and_makes_no_key()
    {
        var path = Path.Combine(TempFolder(), "key.json");
        await File.WriteAllTextAsync(path, "keep me");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = (await server.RunAsync("login-keys", "list")).Out;

        var refused = await server.RunAsync("login-keys", "create", "--output", path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: {path} exists; pass --force to overwrite it", refused.Error.Trim());
        Assert.Equal("keep me", await File.ReadAllTextAsync(path));
        Assert.Equal(before, (await server.RunAsync("login-keys", "list")).Out);

        var forced = await server.RunAsync("login-keys", "create", "--output", path, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var key = ReadKeyFile(await File.ReadAllTextAsync(path));
        Assert.Equal(200, (await SignInAsync(key)).Status);
        Assert.Equal(0, (await server.RunAsync("login-keys", "delete", key.Id)).ExitCode);
    }

    [Fact]
    public async Task Create_into_a_missing_folder_or_deleting_an_unknown_key_exits_1()
    {
        var path = Path.Combine(TempFolder(), "no-such-folder", "key.json");
        var unwritable = await server.RunAsync("login-keys", "create", "--output", path);
        Assert.Equal(1, unwritable.ExitCode);
        Assert.StartsWith($"error: cannot write {path}", unwritable.Error);

        var unknown = await server.RunAsync("login-keys", "delete", "0123456789abcdef");
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("error INVALID_PARAM: no custom-login key '0123456789abcdef'", unknown.Error);
    }

    [Fact]
    public async Task Rotating_keeps_issued_tokens_working_until_the_previous_keys_are_retired()
    {
        var token = await SignInAnonymouslyAsync();
        Assert.Equal(200, await UserMeAsync(token));

        var rotated = await server.RunAsync("tokens", "rotate");
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.Matches("^new token key [0-9a-f]+; tokens issued before now work until they expire$", rotated.Out.Trim());
        Assert.Equal(200, await UserMeAsync(token));

        var retired = await server.RunAsync("tokens", "rotate", "--retire-previous");
        Assert.True(retired.ExitCode == 0, retired.ToString());
        Assert.EndsWith("; tokens issued before now no longer work", retired.Out.Trim());
        Assert.Equal(401, await UserMeAsync(token));
        Assert.Equal(200, await UserMeAsync(await SignInAnonymouslyAsync()));
    }

    private sealed record KeyFile(string Id, string PrivateKey, string Env);

    /// <summary>The key file, checked to have exactly the console's three members.</summary>
    private static KeyFile ReadKeyFile(string text)
    {
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["private_key_id", "private_key", "env_id"], root.EnumerateObject().Select(p => p.Name));
        return new KeyFile(root.GetProperty("private_key_id").GetString()!, root.GetProperty("private_key").GetString()!, root.GetProperty("env_id").GetString()!);
    }

    /// <summary>A ticket as <c>@cloudbase/node-sdk</c>'s <c>createTicket</c> makes it: <c>{key id}/@@/{RS256 JWT}</c>, times in ms.</summary>
    private static string Ticket(KeyFile key)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            alg = "RS256", env = key.Env, iat = now, exp = now + 600_000, uid = "user-001", refresh = 3_600_000, expire = now + 7 * 86_400_000L,
        });
        var signed = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}";
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKey);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{key.Id}/@@/{signed}.{Base64Url.EncodeToString(signature)}";
    }

    private async Task<(int Status, JsonElement Answer)> SignInAsync(KeyFile key) =>
        await PostAuthAsync($"signin/custom?client_id={key.Env}", new { provider_id = "custom", ticket = Ticket(key) });

    private async Task<string> SignInAnonymouslyAsync()
    {
        var (status, answer) = await PostAuthAsync($"signin/anonymously?client_id={ServerFixture.Env}", new { });
        Assert.True(status == 200, answer.ToString());
        return answer.GetProperty("access_token").GetString()!;
    }

    private async Task<(int Status, JsonElement Answer)> PostAuthAsync(string path, object body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{server.Url}/auth/v1/{path}",
            new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    private async Task<int> UserMeAsync(string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Url}/auth/v1/user/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string TempFolder() => Directory.CreateTempSubdirectory("actorcloud-cli-keys-").FullName;
}
