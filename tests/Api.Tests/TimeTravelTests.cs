using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// As-of reads across snapshots: with a snapshot every two events, every past sequence number is answered from the
/// nearest snapshot at or before it plus the events after, and equals the state captured at that moment — also after
/// a restart, when the live entity itself recovered from the newest snapshot.
/// </summary>
public sealed class TimeTravelTests
{
    [Fact]
    public async Task Every_past_sequence_number_reads_as_it_was_across_snapshots_and_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-asof-").FullName;
        var captured = new List<(long Seq, string Docs)>();
        await using (var host = await TestHost.StartAsync(data, "--snapshot-every", "2"))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "t" });
            for (var i = 0; i < 12; i++)
            {
                object write = (i % 4) switch
                {
                    0 or 1 => new { action = "database.insertDocument", collectionName = "t", data = new[] { $$$"""{"_id":"d{{{i}}}","i":{"$numberInt":"{{{i}}}"}}""" } },
                    2 => new { action = "database.modifyDocument", collectionName = "t", query = "{}", multi = true, data = """{"$inc":{"i":{"$numberInt":"100"}}}""" },
                    _ => new { action = "database.removeDocument", collectionName = "t", query = $$"""{"_id":"d{{i - 3}}"}""", multi = true },
                };
                var reply = await host.CallAsync(write);
                Assert.False(reply.TryGetProperty("code", out _), reply.ToString());
                captured.Add((i + 2, await ListAsync(host, new { })));
            }
        }
        await using (var host = await TestHost.StartAsync(data, "--snapshot-every", "2"))
        {
            try
            {
                foreach (var (seq, docs) in captured) Assert.Equal(docs, await ListAsync(host, new { asOfSeq = seq }));
                Assert.Equal("[]", await ListAsync(host, new { asOfSeq = 1 }));
            }
            finally
            {
                host.DeleteData();
            }
        }
    }

    private static async Task<string> ListAsync(TestHost host, object asOf)
    {
        var body = JsonSerializer.SerializeToNode(new { action = "database.getDocument", collectionName = "t", query = "{}" })!.AsObject();
        foreach (var property in JsonSerializer.SerializeToNode(asOf)!.AsObject().ToList()) body[property.Key] = property.Value?.DeepClone();
        var reply = await host.CallAsync(body);
        Assert.True(reply.TryGetProperty("data", out var data), reply.ToString());
        return data.GetProperty("list").GetRawText();
    }
}
