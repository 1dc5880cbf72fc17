using System.CommandLine;

namespace ActorCloud.Cli;

/// <summary>
/// <c>--url</c>, <c>--key</c> and <c>--env</c>, accepted by every command (recursive options on the root) and falling back
/// to <c>ACTORCLOUD_URL</c>, <c>ACTORCLOUD_KEY</c> and <c>ACTORCLOUD_ENV</c>, so a shell can set them once and the key need
/// not appear in the command line (and so in the shell's history).
/// </summary>
internal sealed class ConnectionOptions
{
    public const string UrlVariable = "ACTORCLOUD_URL";
    public const string KeyVariable = "ACTORCLOUD_KEY";
    public const string EnvVariable = "ACTORCLOUD_ENV";

    public ConnectionOptions(Func<string, string?> environment)
    {
        Url = Make("--url", $"The server's base URL, e.g. http://127.0.0.1:8080 [env: {UrlVariable}]", () => environment(UrlVariable));
        Key = Make("--key", $"The admin key, sent as Authorization: Bearer [env: {KeyVariable}]", () => environment(KeyVariable));
        Env = Make("--env", $"The environment to act in; omitted, the server's default [env: {EnvVariable}]", () => environment(EnvVariable));
    }

    public Option<string?> Url { get; }

    public Option<string?> Key { get; }

    public Option<string?> Env { get; }

    public void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Env);
    }

    /// <summary>The connection the parsed command line names; a missing or malformed URL or key is bad usage.</summary>
    public Connection Resolve(ParseResult parsed)
    {
        var url = parsed.GetValue(Url);
        if (string.IsNullOrWhiteSpace(url)) throw CliError.Usage($"no server: pass --url or set {UrlVariable} (e.g. http://127.0.0.1:8080)");
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw CliError.Usage($"--url must be an http:// or https:// URL, not '{url}'");
        var key = parsed.GetValue(Key);
        if (string.IsNullOrWhiteSpace(key)) throw CliError.Usage($"no admin key: pass --key or set {KeyVariable}");
        var env = parsed.GetValue(Env);
        return new Connection(baseUrl, key.Trim(), string.IsNullOrWhiteSpace(env) ? null : env.Trim());
    }

    // An empty variable counts as unset, as shells commonly "unset" with VAR=.
    private static Option<string?> Make(string name, string description, Func<string?> fallback) => new(name)
    {
        Description = description,
        Recursive = true,
        DefaultValueFactory = _ => fallback() is { Length: > 0 } value ? value : null,
    };
}
