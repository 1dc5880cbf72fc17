using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ActorCloud.Api.Tests.Support;

/// <summary>
/// The storage calls of <c>@cloudbase/node-sdk</c>, done by hand so tests can also do what the SDK never does:
/// replay a token, alter it, cut an upload short. Uploads and downloads go through a client without the admin
/// key, as the SDK sends them.
/// </summary>
public sealed class StorageCalls(HttpClient admin, string env = TestHost.Env)
{
    private static readonly HttpClient Anonymous = new() { Timeout = TimeSpan.FromMinutes(2) };

    public sealed record UploadMetadata(string Url, string Token, string Authorization, string FileId);

    public async Task<JsonElement> CallAsync(object body)
    {
        using var response = await admin.PostAsJsonAsync($"/admin?env={env}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<UploadMetadata> MetadataAsync(string path)
    {
        var reply = await CallAsync(new { action = "storage.getUploadMetadata", path, method = "put" });
        var data = reply.GetProperty("data");
        return new UploadMetadata(data.GetProperty("url").GetString()!, data.GetProperty("token").GetString()!,
            data.GetProperty("authorization").GetString()!, data.GetProperty("fileId").GetString()!);
    }

    public static async Task<HttpResponseMessage> PutAsync(UploadMetadata metadata, HttpContent content, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, metadata.Url) { Content = content };
        request.Headers.TryAddWithoutValidation("authorization", authorization ?? metadata.Authorization);
        request.Headers.TryAddWithoutValidation("x-cos-security-token", metadata.Token);
        return await Anonymous.SendAsync(request);
    }

    /// <summary>Uploads as the SDK does and returns the file id; the PUT must succeed with an empty body.</summary>
    public async Task<string> UploadAsync(string path, byte[] content)
    {
        var metadata = await MetadataAsync(path);
        using var response = await PutAsync(metadata, new ByteArrayContent(content));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return metadata.FileId;
    }

    /// <summary>One <c>download_list</c> item of <c>storage.batchGetDownloadUrl</c>.</summary>
    public async Task<JsonElement> DownloadItemAsync(string fileId, int? maxAge = null, int? version = null)
    {
        var item = new Dictionary<string, object> { ["fileid"] = fileId };
        if (maxAge is not null) item["max_age"] = maxAge;
        if (version is not null) item["version"] = version;
        var reply = await CallAsync(new { action = "storage.batchGetDownloadUrl", file_list = new[] { item } });
        return reply.GetProperty("data").GetProperty("download_list")[0].Clone();
    }

    /// <summary>A file's content through a fresh temporary URL; null when the file does not exist.</summary>
    public async Task<byte[]?> DownloadAsync(string fileId)
    {
        var item = await DownloadItemAsync(fileId);
        if (item.GetProperty("code").GetString() == "STORAGE_FILE_NONEXIST") return null;
        Assert.Equal("SUCCESS", item.GetProperty("code").GetString());
        using var response = await GetAsync(item.GetProperty("tempFileURL").GetString()!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static Task<HttpResponseMessage> GetAsync(string url, Action<HttpRequestMessage>? configure = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(url));
        configure?.Invoke(request);
        return Anonymous.SendAsync(request);
    }
}
