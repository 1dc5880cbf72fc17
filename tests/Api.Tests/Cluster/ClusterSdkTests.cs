using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests.Cluster;

/// <summary>
/// The node-sdk suites of the features that cross entities run unchanged against one node of the three-node cluster,
/// whose collections, files, functions, users and transactions live on all three: the seed's examples (with an upload
/// and a download), transactions, function calls (code stored in the shared blob store, run on the function entity's
/// node), uploads, end-user sign-in and watch. Watch across nodes has its own test.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSdkTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("seed.test.mjs")]
    [InlineData("transactions.test.mjs")]
    [InlineData("functions-invoke.test.mjs")]
    [InlineData("storage-upload.test.mjs")]
    [InlineData("identity-signin.test.mjs")]
    [InlineData("watch-basics.test.mjs")]
    public async Task Node_sdk_suite_passes_against_a_cluster_node(string file)
    {
        await fixture.HealAsync();
        var node = fixture.Cluster.Nodes[1];
        var (exitCode, report) = await NodeRunner.RunTestsAsync(RepoPaths.Of("tests", "node"), file, TimeSpan.FromMinutes(3),
            new Dictionary<string, string>
            {
                ["ACTORCLOUD_URL"] = node.Url.ToString().TrimEnd('/'),
                ["ACTORCLOUD_KEY"] = TestHost.AdminKey,
                ["ACTORCLOUD_ENV"] = TestHost.Env,
            });
        output.WriteLine(report);
        Assert.True(exitCode == 0, $"node --test {file} against node {node.Index} exited with {exitCode}:\n{report}");
    }
}
