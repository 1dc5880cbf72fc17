namespace ActorCloud.Cli;

/// <summary>Where and as whom the commands talk: the server's base URL, the admin key and the environment (null: the server's default).</summary>
internal sealed record Connection(Uri BaseUrl, string Key, string? Env)
{
    /// <summary>
    /// <c>{url}/admin?env=…</c>. The base URL's own path is kept, so a server behind a reverse proxy under a prefix
    /// (<c>https://host/actorcloud</c>) works too.
    /// </summary>
    public Uri AdminUrl
    {
        get
        {
            var url = BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/admin";
            return new Uri(Env is null ? url : $"{url}?env={Uri.EscapeDataString(Env)}");
        }
    }
}
