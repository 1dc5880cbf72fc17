using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Azure.Storage.Blobs;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests;

/// <summary>
/// kill -9 of the host during uploads: every upload it acknowledged downloads intact after a restart (which reuses
/// the Azurite the dead host left); an upload cut off by the kill is either wholly there or not at all; and the
/// sweeper then removes the blobs of uploads that never committed, leaving exactly one blob per file.
/// </summary>
public sealed class StorageDurabilityTests(ITestOutputHelper output)
{
    private const int Uploaders = 8;

    [Fact]
    public async Task Every_acknowledged_upload_survives_SIGKILL_and_no_partial_file_is_visible()
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-kill-files-").FullName;
        var acknowledged = new ConcurrentDictionary<string, string>();
        var sent = new ConcurrentDictionary<string, string>();
        int azuritePid;
        using (var host = await HostProcess.StartAsync(data))
        {
            azuritePid = AzuritePid(data);
            var storage = new StorageCalls(host.Client);
            using var stop = new CancellationTokenSource();
            var uploaders = Enumerable.Range(0, Uploaders).Select(u => Task.Run(async () =>
            {
                var random = new Random(u);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var content = new byte[random.Next(1, 1 << 20)];
                    random.NextBytes(content);
                    var hash = Convert.ToHexStringLower(SHA256.HashData(content));
                    try
                    {
                        var metadata = await storage.MetadataAsync($"kill/u{u}/{i}.bin");
                        sent[metadata.FileId] = hash;
                        using var response = await StorageCalls.PutAsync(metadata, new ByteArrayContent(content));
                        if (response.StatusCode == HttpStatusCode.OK) acknowledged[metadata.FileId] = hash;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        return; // the host is gone
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(5));
            host.Kill();
            stop.Cancel();
            await Task.WhenAll(uploaders);
        }
        output.WriteLine($"sent {sent.Count}, acknowledged {acknowledged.Count} before SIGKILL");
        Assert.True(acknowledged.Count > 10, "uploads should have been acknowledged many times before the kill");

        using var restarted = await HostProcess.StartAsync(data);
        Assert.Equal(azuritePid, AzuritePid(data));
        var after = new StorageCalls(restarted.Client);
        var visible = 0;
        foreach (var (fileId, hash) in sent)
        {
            var content = await after.DownloadAsync(fileId);
            if (acknowledged.ContainsKey(fileId)) Assert.NotNull(content);
            if (content is null) continue;
            visible++;
            Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(content)));
        }
        Assert.True(visible - acknowledged.Count <= Uploaders, "only uploads in flight at the kill may be there unacknowledged");

        var sweep = await after.CallAsync(new { action = "actorcloud.sweepBlobs", graceSeconds = 0 });
        output.WriteLine(sweep.ToString());
        Assert.Equal(visible, await CountBlobsAsync(data));
        foreach (var fileId in acknowledged.Keys.Take(20)) Assert.NotNull(await after.DownloadAsync(fileId));
        restarted.Dispose(); // stops the Azurite in the data directory before it is removed
        Directory.Delete(data, recursive: true);
    }

    private static int AzuritePid(string data) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "azurite", "azurite.pid"))).RootElement.GetProperty("Pid").GetInt32();

    /// <summary>Committed blobs in the host's container, counted straight from Azurite.</summary>
    private static async Task<int> CountBlobsAsync(string data)
    {
        var port = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "azurite", "azurite.pid"))).RootElement.GetProperty("Port").GetInt32();
        var key = File.ReadAllText(Path.Combine(data, "azurite", "account-key")).Trim();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=actorcloud;AccountKey={key};BlobEndpoint=http://127.0.0.1:{port}/actorcloud;";
        var count = 0;
        await foreach (var _ in new BlobContainerClient(connection, "actorcloud-files").GetBlobsAsync()) count++;
        return count;
    }
}
