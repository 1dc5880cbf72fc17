using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// Nodes leaving and coming back: a rolling restart (SIGTERM, restart, next) under a read load fails no read; a node
/// paused past the failure detector is downed by the others, and on waking is out of the cluster for good rather than
/// serve as a second, split-off cluster.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_rolling_restart_fails_no_read()
    {
        await fixture.HealAsync();
        var cluster = fixture.Cluster;
        var collections = Enumerable.Range(0, 6).Select(i => $"rolling{i}").ToList();
        using var admin = Client(cluster.Nodes[0].Url);
        foreach (var name in collections)
        {
            await PostAsync(admin, new { action = "database.addCollection", collectionName = name });
            await PostAsync(admin, new { action = "database.insertDocument", collectionName = name, data = new[] { """{"_id":"only","n":1}""" } });
        }

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var reads = 0;
        var readers = cluster.Nodes.Select(node => Task.Run(async () =>
        {
            using var client = Client(node.Url);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                // A reader goes to a node only while that node is ready, as a load balancer would (by /readyz).
                var target = cluster.Nodes[(node.Index + i) % cluster.Nodes.Count];
                if (!await ReadyAsync(target)) continue;
                var name = collections[i % collections.Count];
                try
                {
                    using var http = Client(target.Url);
                    var reply = await PostAsync(http, new { action = "database.getDocument", collectionName = name, queryType = "WHERE", offset = 0, limit = 10 });
                    if (!reply.TryGetProperty("data", out var data) || data.GetProperty("list").GetArrayLength() != 1)
                        lock (failures) failures.Add($"{DateTime.UtcNow:HH:mm:ss.fff} node {target.Index} {name}: {reply}");
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (await ReadyAsync(target)) lock (failures) failures.Add($"node {target.Index} {name}: {e.Message}");
                }
            }
        })).ToList();

        foreach (var node in cluster.Nodes)
        {
            await node.StopAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} node {node.Index} stopped (SIGTERM) after {reads} reads");
            await node.StartAsync();
            await cluster.WaitForMembersAsync(cluster.Nodes.Count, TimeSpan.FromSeconds(120));
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} node {node.Index} back");
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        output.WriteLine($"{reads} reads, {failures.Count} failed");
        foreach (var failure in failures) output.WriteLine($"{failure}");
        Assert.True(reads > 200, "the readers should have read throughout");
        Assert.Empty(failures);
    }

    /// <remarks>
    /// The others downed and removed it, so they no longer talk to it and it never hears so by gossip; it learns it from
    /// their quarantine (<c>QuarantineWatcher</c>) on its first attempt to reach one of them. Meanwhile it sees no
    /// majority and is never ready (<c>ClusterMajorityCheck</c>).
    /// </remarks>
    [Fact]
    public async Task A_node_paused_past_the_failure_detector_is_downed_and_exits_when_it_wakes_without_serving()
    {
        await fixture.HealAsync();
        var cluster = fixture.Cluster;
        var paused = cluster.Nodes[2];
        paused.Pause();
        try
        {
            await cluster.WaitForMembersAsync(cluster.Nodes.Count - 1, TimeSpan.FromSeconds(60));
        }
        finally
        {
            paused.Resume();
        }
        var woke = DateTime.UtcNow;
        var exit = paused.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var readyAnswers = 0;
        while (!exit.IsCompleted)
        {
            if (await ReadyAsync(paused)) readyAnswers++;
            await Task.Delay(100);
        }
        var exited = await exit;
        output.WriteLine(exited ? $"the woken node exited {(DateTime.UtcNow - woke).TotalSeconds:0.0} s after waking" : "the woken node was still running 30 s after waking");
        if (!exited) paused.Kill();
        Assert.True(exited, "a node the others removed must shut itself down when it wakes");
        Assert.Equal(0, readyAnswers);
        await cluster.WaitForMembersAsync(cluster.Nodes.Count - 1, TimeSpan.FromSeconds(30));
        await fixture.HealAsync();
    }

    private static HttpClient Client(Uri url)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AdminKey);
        return client;
    }

    private static async Task<bool> ReadyAsync(Testing.Processes.ClusterNode node)
    {
        if (!node.IsRunning) return false;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var ready = await http.GetAsync(new Uri(node.Url, "/readyz"));
            return ready.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync($"/admin?env={TestHost.Env}", body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
