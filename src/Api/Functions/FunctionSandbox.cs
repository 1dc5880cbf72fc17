using System.Runtime.InteropServices;

namespace ActorCloud.Api.Functions;

/// <summary>
/// The operating-system layer of the sandbox: when the host runs as root (CI does; containers often do), function
/// processes run as an unprivileged user instead (<c>setpriv</c>: new uid/gid, no supplementary groups, no
/// inheritable capabilities, no new privileges), so code escaping Node's permission model still cannot touch what
/// only root may; and every function process gets file-size and core-dump limits. Their temp folder is handed to that user, and the folders holding unpacked code are made
/// traversable (not listable) by others.
/// </summary>
public sealed partial class FunctionSandbox(int uid, int gid)
{
    private const string SetPriv = "/usr/bin/setpriv";
    private const string PrLimit = "/usr/bin/prlimit";

    /// <summary>
    /// The largest file a function process may write (its temp folder is on the host's disk). No address-space
    /// limit: WebAssembly — which Node's own <c>fetch</c> (undici's llhttp) uses — reserves about 10 GiB of address
    /// space per instance, so any useful <c>--as</c> breaks ordinary functions (measured on Node 20).
    /// </summary>
    private const long MaxFileBytes = 1L << 30;

    /// <summary>Unprivileged only when there is a privilege to drop and the tool to drop it.</summary>
    public bool DropsPrivileges { get; } = OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && File.Exists(SetPriv);

    public static FunctionSandbox Parse(string user)
    {
        var parts = user.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var uid) && int.TryParse(parts[1], out var gid)
            ? new FunctionSandbox(uid, gid)
            : throw new InvalidOperationException($"Functions:SandboxUser must be 'uid:gid', not '{user}'");
    }

    /// <summary>
    /// The program and arguments that start <paramref name="node"/> with <paramref name="arguments"/> in the sandbox:
    /// under file-size and core-dump limits (<c>prlimit</c>, where present) and, when the host is root, as the sandbox user.
    /// </summary>
    public (string FileName, IEnumerable<string> Arguments) Wrap(string node, IEnumerable<string> arguments)
    {
        IEnumerable<string> command = DropsPrivileges
            ? [SetPriv, $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--", node, .. arguments]
            : [node, .. arguments];
        if (OperatingSystem.IsLinux() && File.Exists(PrLimit))
            command = [PrLimit, $"--fsize={MaxFileBytes}", "--core=0", "--", .. command];
        return (command.First(), command.Skip(1));
    }

    /// <summary>Gives a process's temp folder to the sandbox user (it is created 0700 by and for the host).</summary>
    public void Own(string directory)
    {
        if (DropsPrivileges && Chown(directory, uid, gid) != 0)
            throw new InvalidOperationException($"could not hand {directory} to uid {uid} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Lets the sandbox user pass through <paramref name="directory"/> (execute bit for others, no read).</summary>
    public void MakeTraversable(string directory)
    {
        if (!DropsPrivileges || OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.OtherExecute);
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Chown(string path, int owner, int group);
}
