using System.Text.Json;
using ActorCloud.Api.Tests.Support;

namespace ActorCloud.Api.Tests;

/// <summary>
/// Indexes survive a restart of the host on the same journal, whether the collection recovers from a snapshot that
/// carries their definitions or from replaying <c>IndexCreated</c>/<c>IndexDropped</c> events: still listed, still enforced.
/// </summary>
public sealed class IndexRecoveryTests
{
    [Theory]
    [InlineData("2")]
    [InlineData("1000")]
    public async Task Indexes_are_listed_and_enforced_after_a_restart(string snapshotEvery)
    {
        var data = Directory.CreateTempSubdirectory("actorcloud-index-").FullName;
        await using (var host = await TestHost.StartAsync(data, "--snapshot-every", snapshotEvery))
        {
            await host.CallAsync(new { action = "database.addCollection", collectionName = "people" });
            await host.CallAsync(new { action = "database.insertDocument", collectionName = "people", data = new[] { """{"_id":"a","email":"a@x"}""" } });
            Assert.False((await host.CallAsync(IndexCalls.Create("people", "email", unique: true))).TryGetProperty("code", out _));
            Assert.False((await host.CallAsync(IndexCalls.Create("people", "temp", unique: false))).TryGetProperty("code", out _));
            Assert.False((await host.CallAsync(IndexCalls.Drop("people", "temp"))).TryGetProperty("code", out _));
            for (var i = 0; i < 5; i++)
                await host.CallAsync(new { action = "database.insertDocument", collectionName = "people", data = new[] { $$"""{"email":"p{{i}}@x"}""" } });
        }
        await using (var host = await TestHost.StartAsync(data, "--snapshot-every", snapshotEvery))
        {
            try
            {
                var described = (await host.CallAsync(new Dictionary<string, string> { ["action"] = "actorcloud.describeTable", ["TableName"] = "people" }))
                    .GetProperty("data");
                Assert.Equal(["_id_", "email"], described.GetProperty("Indexes").EnumerateArray().Select(i => i.GetProperty("Name").GetString()));
                Assert.Equal(6, described.GetProperty("Indexes")[1].GetProperty("Size").GetInt32());
                var duplicate = await host.CallAsync(new { action = "database.insertDocument", collectionName = "people", data = new[] { """{"email":"p3@x"}""" } });
                Assert.Equal("DATABASE_REQUEST_FAILED", duplicate.GetProperty("code").GetString());
                Assert.Contains("email", duplicate.GetProperty("message").GetString());
            }
            finally
            {
                host.DeleteData();
            }
        }
    }
}
