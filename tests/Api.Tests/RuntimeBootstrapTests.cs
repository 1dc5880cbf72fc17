using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The Node.js side of functions (<c>runtime/bootstrap.js</c>) on its own, through node's test runner: the frame
/// protocol, call styles, errors, limits, log capture and the permission model, started as the host starts it.
/// </summary>
public sealed class RuntimeBootstrapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_bootstrap_suite_passes()
    {
        var (exitCode, report) = await NodeRunner.RunTestsAsync(RepoPaths.Of("runtime"), "test/bootstrap.test.mjs", TimeSpan.FromMinutes(3));
        output.WriteLine(report);
        Assert.True(exitCode == 0, $"node --test runtime/test/bootstrap.test.mjs exited with {exitCode}:\n{report}");
    }
}
