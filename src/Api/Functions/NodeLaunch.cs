namespace ActorCloud.Api.Functions;

/// <summary>
/// How one function version's node processes are started: the permission model confining reads to the function's
/// folder and the shared runtime (with <c>wx-server-sdk</c> and <c>@cloudbase/node-sdk</c>), writes to a temp folder
/// of the process, no child processes or workers; the heap capped by the memory setting; and an environment made
/// only of the function's own variables and the CloudBase context — nothing of the host's.
/// </summary>
public sealed record NodeLaunch(
    FunctionSandbox Sandbox,
    string NodePath,
    string RuntimeDirectory,
    string FunctionDirectory,
    string Handler,
    int MemoryMb,
    IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>The program to start and its arguments: node itself, or node under the sandbox's user.</summary>
    public (string FileName, IEnumerable<string> Arguments) Command(string tmpDirectory, string nonce) =>
        Sandbox.Wrap(NodePath, NodeArguments(tmpDirectory, nonce));

    private IEnumerable<string> NodeArguments(string tmpDirectory, string nonce) =>
    [
        $"--max-old-space-size={MemoryMb}",
        "--experimental-permission",
        $"--allow-fs-read={FunctionDirectory}",
        $"--allow-fs-read={RuntimeDirectory}",
        $"--allow-fs-read={tmpDirectory}",
        $"--allow-fs-write={tmpDirectory}",
        "--no-warnings",
        Path.Combine(RuntimeDirectory, "bootstrap.js"),
        FunctionDirectory,
        Handler,
        nonce,
    ];

    /// <summary>
    /// An error as the caller may see it: the host's folders replaced by SCF's (<c>/var/user</c> for the function's
    /// code, <c>/var/runtime</c> for ours), so stack traces point at the function's files without revealing the host.
    /// </summary>
    public string Scrub(string message) => message.Replace(FunctionDirectory, "/var/user").Replace(RuntimeDirectory, "/var/runtime");

    public IEnumerable<KeyValuePair<string, string>> Environment(string tmpDirectory)
    {
        var environment = new Dictionary<string, string>(Variables, StringComparer.Ordinal)
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = tmpDirectory,
            ["TMPDIR"] = tmpDirectory,
            ["NODE_PATH"] = Path.Combine(RuntimeDirectory, "node_modules"),
        };
        return environment;
    }
}
