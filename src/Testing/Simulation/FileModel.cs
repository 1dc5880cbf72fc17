using ActorCloud.Actors.Files;
using ActorCloud.Documents;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// The plain model a file entity is checked against, fed only acknowledged commands in the order they were answered:
/// the versions (newest first, the newest <c>keepVersions</c> kept), whether the newest is current (a delete empties
/// the path but keeps them), the next version number (never reused), the URL generation, the upload ids committed
/// (a token commits once, across restarts) and those claimed since the entity last started (claims live in memory).
/// Each method checks an answer and applies it, returning a violation or null; a rejected write changes nothing.
/// </summary>
public sealed class FileModel(int keepVersions)
{
    private readonly List<FileVersion> _versions = [];
    private readonly HashSet<string> _committed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private string? _path;
    private bool _present;
    private int _nextVersion = 1;
    private int _urlGeneration;

    /// <summary>The current version's number, 0 for none: what a <see cref="CommitUpload.ExpectedVersion"/> must be.</summary>
    public int CurrentVersion => _present ? _versions[0].Version : 0;

    public int NextVersion => _nextVersion;

    public string? Claimed(ClaimUpload claim, IFileReply reply)
    {
        var used = _committed.Contains(claim.UploadId) || _claimed.Contains(claim.UploadId);
        switch (reply)
        {
            case UploadClaimed claimed when !used && claimed.UploadId == claim.UploadId:
                _claimed.Add(claim.UploadId);
                return null;
            case FileFailed { Code: FileState.TokenUsedCode } when used:
                return null;
            default:
                return $"claiming {claim.UploadId} was answered {reply} while it was {(used ? "" : "not ")}used";
        }
    }

    public string? Committed(CommitUpload commit, IFileReply reply)
    {
        if (reply is FileFailed { Code: ErrorCodes.SysErr }) return null;
        var refusal = _committed.Contains(commit.UploadId) ? FileState.TokenUsedCode
            : commit.ExpectedVersion is { } expected && expected != CurrentVersion ? ErrorCodes.StorageExceedAuthority
            : null;
        if (refusal is not null)
            return reply is FileFailed failed && failed.Code == refusal ? null : $"{Describe(commit)} was answered {reply}, not refused {refusal}";
        var version = new FileVersion(_nextVersion, commit.BlobName, commit.Size, commit.ContentType, commit.Sha256, default,
            commit.Source, commit.By);
        if (reply is not FileCommitted committed || Describe(committed.Version) != Describe(version))
            return $"{Describe(commit)} was answered {reply}, not committed as {Describe(version)}";
        _versions.Insert(0, version);
        if (_versions.Count > keepVersions) _versions.RemoveRange(keepVersions, _versions.Count - keepVersions);
        _committed.Add(commit.UploadId);
        _nextVersion++;
        _present = true;
        _path = commit.CloudPath;
        return null;
    }

    public string? Deleted(DeleteFile delete, IFileReply reply) => Changed(delete.CloudPath, reply, reply is FileReplies.Deleted, () => _present = false);

    public string? Revoked(RevokeUrls revoke, IFileReply reply) => Changed(revoke.CloudPath, reply, reply is UrlsRevoked, () => _urlGeneration++);

    /// <summary>A delete or a revocation: refused while no version is current, else applied.</summary>
    private string? Changed(string path, IFileReply reply, bool acknowledged, Action apply)
    {
        if (reply is FileFailed { Code: ErrorCodes.SysErr }) return null;
        if (!_present)
            return reply is FileFailed { Code: ErrorCodes.StorageFileNonExist } ? null : $"{reply} answered a change of an absent file";
        if (!acknowledged) return $"{reply} answered a change of a present file";
        apply();
        _path = path;
        return null;
    }

    /// <summary>The entity stopped: its claims, held in memory only, are gone; committed ids are journaled and stay.</summary>
    public void Restarted() => _claimed.Clear();

    public IReadOnlyList<string> Differences(FileView view) =>
        StateDifferences.Of(Canonical(view.CloudPath, view.Current, view.Versions, view.UrlGeneration), Expected());

    /// <summary>A state folded from the journal also shows the upload ids it remembers.</summary>
    public IReadOnlyList<string> Differences(FileState state)
    {
        var actual = new Dictionary<string, string>(Canonical(state.CloudPath, state.Current, state.Versions, state.UrlGeneration))
        {
            ["upload ids used"] = Sorted(state.RecentUploads.Keys),
        };
        return StateDifferences.Of(actual, new Dictionary<string, string>(Expected()) { ["upload ids used"] = Sorted(_committed) });
    }

    private IReadOnlyDictionary<string, string> Expected() =>
        Canonical(_path, _present ? _versions[0] : null, _versions, _urlGeneration);

    private static IReadOnlyDictionary<string, string> Canonical(string? path, FileVersion? current, IEnumerable<FileVersion> versions, int urlGeneration) =>
        new Dictionary<string, string>
        {
            ["path"] = path ?? "none",
            ["current"] = current is null ? "none" : Describe(current),
            ["versions"] = string.Join(", ", versions.Select(Describe)),
            ["url generation"] = urlGeneration.ToString(),
        };

    /// <summary>A version without its time of upload, which the model cannot know.</summary>
    private static string Describe(FileVersion v) =>
        $"v{v.Version} {v.BlobName} {v.Size} B {v.ContentType} {v.Sha256} {v.Source ?? "upload"} by {v.By.KeyId}";

    private static string Describe(CommitUpload c) =>
        $"committing {c.UploadId}{(c.ExpectedVersion is { } expected ? $" over v{expected}" : "")}";

    private static string Sorted(IEnumerable<string> ids) => string.Join(" ", ids.Order(StringComparer.Ordinal));
}
