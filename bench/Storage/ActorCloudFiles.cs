using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorCloud.Bench.Storage;

/// <summary>An error envelope (<c>{code, message}</c>) from <c>/admin</c>, as the SDK would throw it.</summary>
public sealed class GatewayException(string code, string message) : Exception($"{code}: {message}");

/// <summary>
/// Files through ActorCloud the way <c>@cloudbase/node-sdk</c> moves them. Upload: <c>storage.getUploadMetadata</c>,
/// then <c>PUT</c> the bytes to the returned URL with its <c>authorization</c> and <c>x-cos-security-token</c>.
/// Download: <c>storage.batchGetDownloadUrl</c>, then <c>GET</c> the temporary URL. Both steps are timed, as an
/// application pays for both.
/// </summary>
public sealed class ActorCloudFiles : IFileTarget, IDisposable
{
    private readonly HttpClient _http;
    private readonly string _adminUrl;
    private readonly string _adminKey;
    private long _seq;

    public ActorCloudFiles(Uri baseAddress, string env, string adminKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        // No overall timeout: a 1 GB upload takes as long as it takes; failures surface as errors, not hangs.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "tcb-node-sdk/3.18.3");
        _adminUrl = $"/admin?env={env}&seqId=";
        _adminKey = adminKey;
    }

    public string Name => "ActorCloud";

    public async Task<string> UploadAsync(string path, long size, CancellationToken cancellation = default)
    {
        var (url, token, authorization, fileId) = await CallAsync(
            new { action = "storage.getUploadMetadata", path, method = "put" },
            data => (data.GetProperty("url").GetString()!, data.GetProperty("token").GetString()!,
                data.GetProperty("authorization").GetString()!, data.GetProperty("fileId").GetString()!), cancellation);

        var body = RandomStream.ForPath(path, size);
        using var request = new HttpRequestMessage(HttpMethod.Put, url);
        request.Headers.TryAddWithoutValidation("authorization", authorization);
        request.Headers.TryAddWithoutValidation("x-cos-security-token", token);
        request.Content = new StreamContent(body, 128 << 10);
        request.Content.Headers.ContentLength = size;
        using var response = await _http.SendAsync(request, cancellation);
        var answer = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode != HttpStatusCode.OK || answer.Length != 0)
            throw new HttpRequestException($"PUT answered {(int)response.StatusCode}: {Shorten(answer)}");
        if (body.BytesRead != size) throw new InvalidDataException($"the upload read {body.BytesRead} of {size} bytes");
        return fileId;
    }

    public async Task<long> DownloadAsync(string handle, CancellationToken cancellation = default)
    {
        var url = await CallAsync(new { action = "storage.batchGetDownloadUrl", file_list = new[] { new { fileid = handle, max_age = 600 } } },
            data =>
            {
                var item = data.GetProperty("download_list")[0];
                if (item.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 } text && text != "SUCCESS")
                    throw new GatewayException(text, item.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
                return item.GetProperty("tempFileURL").GetString()!;
            }, cancellation);
        // The URL's path comes unescaped and the SDK passes it through encodeURI; Uri escapes the same characters
        // (and the benchmark's paths are plain ASCII, so nothing needs it).
        using var response = await _http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"GET answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(cancellation))}");
        await using var content = await response.Content.ReadAsStreamAsync(cancellation);
        return await StreamDrain.CountAsync(content, cancellation);
    }

    /// <summary>The size ActorCloud recorded for the file's newest version (<c>actorcloud.listFileVersions</c>).</summary>
    public Task<long> RecordedSizeAsync(string fileId) =>
        CallAsync(new { action = "actorcloud.listFileVersions", fileid = fileId }, data => data.GetProperty("versions")[0].GetProperty("size").GetInt64());

    /// <summary>One <c>/admin</c> action; its <c>data</c> goes to <paramref name="read"/>, an error envelope throws.</summary>
    private async Task<T> CallAsync<T>(object body, Func<JsonElement, T> read, CancellationToken cancellation = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _adminUrl + Interlocked.Increment(ref _seq).ToString("x"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.SendAsync(request, cancellation);
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"/admin answered {(int)response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellation);
        var root = json.RootElement;
        if (root.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 } text)
            throw new GatewayException(text, root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        return read(root.GetProperty("data"));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
