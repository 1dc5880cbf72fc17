using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorCloud.Bench.Transactions;

/// <summary>A business error in CloudBase's envelope (<c>{code, message, requestId}</c>), with its code kept apart.</summary>
public sealed class ActionFailedException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    public bool IsConflict => Code == "DATABASE_TRANSACTION_CONFLICT";
}

/// <summary>
/// <c>POST /admin?env=…&amp;seqId=…</c> with node-sdk's headers over one keep-alive connection pool, like the shared
/// <see cref="GatewayClient"/>, but handing over the whole reply: <c>startTransaction</c> answers its
/// <c>transactionId</c> beside <c>data</c>, not inside it, and a conflict must be told apart from other errors by code.
/// </summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _env;
    private readonly string _seqPrefix = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x");
    private long _seq;

    public AdminClient(Uri baseAddress, string env, string adminKey, int connections)
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
        headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        headers.TryAddWithoutValidation("User-Agent", "tcb-node-sdk/3.18.3");
        headers.TryAddWithoutValidation("X-SDK-Version", "tcb-node-sdk/3.18.3");
        headers.TryAddWithoutValidation("X-TCB-Source", ",unknown");
    }

    /// <summary>Sends one action and hands the reply's root object to <paramref name="read"/>; error envelopes throw.</summary>
    public async Task<T> CallAsync<T>(byte[] body, Func<JsonElement, T> read)
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
            throw new ActionFailedException(text, root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        return read(root);
    }

    public void Dispose() => _http.Dispose();
}
