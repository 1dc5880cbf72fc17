using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests;

/// <summary>
/// kill -9 under load: every write the host acknowledged is there after a restart, unchanged; nothing appears
/// that was never sent; at most the writes in flight at the moment of the kill may be there unacknowledged.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output)
{
    private const int Writers = 16;

    [Fact]
    public async Task Every_acknowledged_write_survives_SIGKILL()
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-kill-").FullName;
        var acknowledged = new ConcurrentDictionary<string, int>();
        var sent = new ConcurrentDictionary<string, int>();
        using (var host = await HostProcess.StartAsync(data))
        {
            await PostAsync(host.Client, new { action = "database.addCollection", collectionName = "ledger" });
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"w{w}-{i}";
                    var batch = i % 5 == 0 ? new[] { id, id + "-b" } : [id];
                    foreach (var b in batch) sent[b] = i;
                    var body = new
                    {
                        action = "database.insertDocument", collectionName = "ledger",
                        data = batch.Select(b => $$$"""{"_id":"{{{b}}}","writer":{"$numberInt":"{{{w}}}"},"seq":{"$numberInt":"{{{i}}}"}}""").ToArray(),
                    };
                    try
                    {
                        var reply = await PostAsync(host.Client, body);
                        if (reply.TryGetProperty("data", out _)) foreach (var b in batch) acknowledged[b] = i;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        return; // the host is gone
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(3));
            host.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }
        output.WriteLine($"sent {sent.Count}, acknowledged {acknowledged.Count} before SIGKILL");
        Assert.True(acknowledged.Count > 100, "the load should have been acknowledged many times before the kill");

        using var restarted = await HostProcess.StartAsync(data);
        var stored = await ReadAllAsync(restarted.Client);

        Assert.All(acknowledged.Keys, id => Assert.True(stored.ContainsKey(id), $"acknowledged {id} is missing"));
        Assert.All(stored, pair =>
        {
            Assert.True(sent.TryGetValue(pair.Key, out var seq), $"{pair.Key} was never sent");
            Assert.Equal(seq, pair.Value);
        });
        Assert.True(stored.Count - acknowledged.Count <= Writers * 2, "only writes in flight at the kill may be unacknowledged");
        restarted.Dispose(); // stops the Azurite in the data directory before it is removed
        Directory.Delete(data, recursive: true);
    }

    private static async Task<Dictionary<string, int>> ReadAllAsync(HttpClient client)
    {
        var result = new Dictionary<string, int>();
        for (var offset = 0; ; offset += 1000)
        {
            var reply = await PostAsync(client, new { action = "database.getDocument", collectionName = "ledger", queryType = "WHERE", offset, limit = 1000 });
            var list = reply.GetProperty("data").GetProperty("list");
            foreach (var item in list.EnumerateArray())
            {
                using var doc = JsonDocument.Parse(item.GetString()!);
                var root = doc.RootElement;
                result.Add(root.GetProperty("_id").GetString()!, int.Parse(root.GetProperty("seq").GetProperty("$numberInt").GetString()!));
            }
            if (list.GetArrayLength() < 1000) return result;
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync($"/admin?env={TestHost.Env}", body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
