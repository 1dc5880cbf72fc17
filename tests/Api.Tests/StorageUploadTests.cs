using System.Net;
using System.Net.Sockets;
using System.Text;
using ActorCloud.Actors.Callers;
using ActorCloud.Api.Storage;
using ActorCloud.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorCloud.Api.Tests;

/// <summary>A host with a small upload limit and two retained versions, so limits and sweeping are cheap to reach.</summary>
public sealed class SmallLimitsHost() : HostFixture([
    "--ActorCloud:Limits:MaxUploadBytes", StorageUploadTests.MaxUpload.ToString(),
    "--ActorCloud:Blob:KeepVersions", "2"]);

/// <summary>
/// Uploads that must leave nothing behind: tampered, replayed, expired or foreign tokens, files over the limit, and
/// bodies cut short. Each is refused with COS's XML error and the path stays as it was.
/// </summary>
public sealed class StorageUploadTests(SmallLimitsHost fixture) : IClassFixture<SmallLimitsHost>
{
    public const int MaxUpload = 100_000;
    private readonly StorageCalls _storage = new(fixture.Host.Client);

    private static string NewPath(string name = "f.bin") => $"upload-tests/{Guid.NewGuid():N}/{name}";

    private static async Task AssertCosErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"<Code>{code}</Code>", body);
        foreach (var element in new[] { "<Message>", "<RequestId>", "<TraceId>" }) Assert.Contains(element, body);
    }

    [Fact]
    public async Task A_token_uploads_once_a_replay_is_refused_and_the_first_content_stays()
    {
        var metadata = await _storage.MetadataAsync(NewPath());
        using (var first = await StorageCalls.PutAsync(metadata, new ByteArrayContent("first"u8.ToArray())))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var replay = await StorageCalls.PutAsync(metadata, new ByteArrayContent("second"u8.ToArray()));
        await AssertCosErrorAsync(replay, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Equal("first"u8.ToArray(), await _storage.DownloadAsync(metadata.FileId));
    }

    [Fact]
    public async Task Altered_missing_or_foreign_tokens_are_refused_and_store_nothing()
    {
        var metadata = await _storage.MetadataAsync(NewPath());
        var other = await _storage.MetadataAsync(NewPath());
        var flipped = (metadata.Authorization[0] == 'a' ? "b" : "a") + metadata.Authorization[1..];
        using (var altered = await StorageCalls.PutAsync(metadata, new ByteArrayContent([1]), flipped))
            await AssertCosErrorAsync(altered, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        using (var missing = await StorageCalls.PutAsync(metadata, new ByteArrayContent([1]), ""))
            await AssertCosErrorAsync(missing, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        // A valid token of another path, sent to this one.
        using (var foreign = await StorageCalls.PutAsync(metadata with { Token = other.Token, Authorization = other.Authorization }, new ByteArrayContent([1])))
            await AssertCosErrorAsync(foreign, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Null(await _storage.DownloadAsync(metadata.FileId));
        Assert.Null(await _storage.DownloadAsync(other.FileId));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var path = NewPath();
        var signer = fixture.Host.Services.GetRequiredService<StorageSigner>();
        var expired = new UploadToken(TestHost.Env, path, BlobNames.NewUploadId(), DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds(), Caller.Admin("root:test"));
        var (token, authorization) = expired.Issue(signer);
        var metadata = (await _storage.MetadataAsync(path)) with { Token = token, Authorization = authorization };
        using var response = await StorageCalls.PutAsync(metadata, new ByteArrayContent([1, 2, 3]));
        await AssertCosErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Null(await _storage.DownloadAsync(metadata.FileId));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_whether_announced_or_streamed()
    {
        var tooLarge = new byte[MaxUpload + 1];
        var announced = await _storage.MetadataAsync(NewPath());
        using (var response = await StorageCalls.PutAsync(announced, new ByteArrayContent(tooLarge)))
            await AssertCosErrorAsync(response, HttpStatusCode.BadRequest, "EntityTooLarge");

        var streamed = await _storage.MetadataAsync(NewPath());
        using (var response = await StorageCalls.PutAsync(streamed, new StreamContent(new UnknownLengthStream(tooLarge))))
            await AssertCosErrorAsync(response, HttpStatusCode.BadRequest, "EntityTooLarge");

        Assert.Null(await _storage.DownloadAsync(announced.FileId));
        Assert.Null(await _storage.DownloadAsync(streamed.FileId));
        var atLimit = await _storage.UploadAsync(NewPath(), new byte[MaxUpload]);
        Assert.Equal(MaxUpload, (await _storage.DownloadAsync(atLimit))!.Length);
    }

    [Fact]
    public async Task A_body_cut_short_stores_nothing_and_burns_the_token()
    {
        var metadata = await _storage.MetadataAsync(NewPath());
        var url = new Uri(metadata.Url);
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(url.Host, url.Port);
            var stream = socket.GetStream();
            var head = $"PUT {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nauthorization: {metadata.Authorization}\r\n" +
                       $"x-cos-security-token: {metadata.Token}\r\nContent-Length: 50000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(new byte[1000]);
            await stream.FlushAsync();
            await Task.Delay(300);
        }
        // Give the server time to see the connection end and finish the request it was reading.
        await Task.Delay(1000);
        Assert.Null(await _storage.DownloadAsync(metadata.FileId));
        using var retry = await StorageCalls.PutAsync(metadata, new ByteArrayContent(new byte[10]));
        await AssertCosErrorAsync(retry, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task Sweeping_removes_unreferenced_blobs_and_keeps_every_retained_version()
    {
        var path = NewPath("v.txt");
        string fileId = "";
        for (var i = 1; i <= 4; i++) fileId = await _storage.UploadAsync(path, Encoding.UTF8.GetBytes($"version {i}"));
        var sweep = await _storage.CallAsync(new { action = "actorcloud.sweepBlobs", graceSeconds = 0 });
        Assert.True(sweep.GetProperty("data").GetProperty("deleted").GetInt32() >= 2, sweep.ToString());

        var versions = (await _storage.CallAsync(new { action = "actorcloud.listFileVersions", fileid = fileId })).GetProperty("data");
        Assert.Equal([4, 3], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        foreach (var version in new[] { 3, 4 })
        {
            var item = await _storage.DownloadItemAsync(fileId, version: version);
            using var response = await StorageCalls.GetAsync(item.GetProperty("tempFileURL").GetString()!);
            Assert.Equal($"version {version}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal("STORAGE_FILE_NONEXIST", (await _storage.DownloadItemAsync(fileId, version: 2)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/leading.txt")]
    [InlineData("a//b.txt")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/%2e%2e/b")]
    [InlineData("a?b")]
    public async Task Bad_paths_get_no_upload_metadata(string path)
    {
        var reply = await _storage.CallAsync(new { action = "storage.getUploadMetadata", path, method = "put" });
        Assert.Equal("INVALID_PARAM", reply.GetProperty("code").GetString());
    }

    /// <summary>A body sent chunked, so the server learns its size only by reading it.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
