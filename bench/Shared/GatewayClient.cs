using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorCloud.Bench.Shared;

/// <summary>A business error in CloudBase's envelope (<c>{code, message, requestId}</c>), as the SDK would throw it.</summary>
public sealed class GatewayException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    /// <summary>What <c>runTransaction</c> retries on.</summary>
    public bool IsConflict => Code == "DATABASE_TRANSACTION_CONFLICT";
}

/// <summary>
/// <c>POST /admin?env=…&amp;seqId=…</c> with node-sdk's headers over one shared keep-alive connection pool, so each
/// concurrent caller keeps a warm connection, as a fleet of SDK clients would.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _env;
    private readonly string _seqPrefix = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x");
    private long _seq;

    public GatewayClient(Uri baseAddress, string env, string credential, int connections)
    {
        _env = env;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
        var headers = _http.DefaultRequestHeaders;
        headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        headers.TryAddWithoutValidation("User-Agent", "tcb-node-sdk/3.18.3");
        headers.TryAddWithoutValidation("X-SDK-Version", "tcb-node-sdk/3.18.3");
        headers.TryAddWithoutValidation("X-TCB-Source", ",unknown");
    }

    /// <summary>Sends one action and hands its <c>data</c> to <paramref name="read"/>; error envelopes throw.</summary>
    public Task<T> CallAsync<T>(byte[] body, Func<JsonElement, T> read) =>
        CallForRootAsync(body, root => read(root.TryGetProperty("data", out var data) ? data : default));

    /// <summary>
    /// As <see cref="CallAsync{T}"/>, handing over the whole reply: some actions answer beside <c>data</c>
    /// (<c>startTransaction</c>'s <c>transactionId</c>).
    /// </summary>
    public async Task<T> CallForRootAsync<T>(byte[] body, Func<JsonElement, T> read)
    {
        var url = $"/admin?env={_env}&seqId={_seqPrefix}_{Interlocked.Increment(ref _seq):x}";
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(url, content);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(stream);
        var root = json.RootElement;
        if (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() is { Length: > 0 } text)
            throw new GatewayException(text, root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        return read(root);
    }

    public void Dispose() => _http.Dispose();
}
