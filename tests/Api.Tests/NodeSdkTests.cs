using ActorCloud.Api.Tests.Support;
using Xunit.Abstractions;

namespace ActorCloud.Api.Tests;

/// <summary>
/// The unmodified <c>@cloudbase/node-sdk</c> (pinned in tests/node/package.json) against the real host with a
/// real SQLite journal, through node's own test runner. Each file is one xunit test so failures name the file;
/// node's report is in the test output.
/// </summary>
public sealed class NodeSdkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestHost _host = null!;

    /// <summary>
    /// The development code resolver lets the suite sign in as any WeChat user (<c>wx.login</c> code = openid); the
    /// example pages are served for the browser test.
    /// </summary>
    public async Task InitializeAsync() => _host = await TestHost.StartAsync(null,
        "--ActorCloud:WeChat:DevResolver", "true", "--ActorCloud:Examples:Directory", RepoPaths.Of("examples"));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteData();
    }

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Node_sdk_test_file_passes(string file)
    {
        var (exitCode, report) = await NodeRunner.RunTestFileAsync(file, _host, TimeSpan.FromMinutes(3));
        output.WriteLine(report);
        Assert.True(exitCode == 0, $"node --test {file} exited with {exitCode}:\n{report}");
    }

    public static TheoryData<string> TestFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Of("tests", "node"), "*.test.mjs").Order())
            data.Add(Path.GetFileName(path));
        return data;
    }
}
