using System.Collections.Immutable;
using ActorCloud.Documents;
using static ActorCloud.Actors.Files.FileCommands;
using static ActorCloud.Actors.Files.FileEvents;

namespace ActorCloud.Actors.Files;

/// <summary>
/// A file's state and its rules, free of actors: <c>Decide</c> turns a command into an event (or a refusal) and
/// <c>Apply</c> folds an event in. Versions are kept newest first, at most <c>keepVersions</c>; older versions'
/// blobs are no longer referenced and the sweeper removes them. Upload ids seen within the token lifetime are
/// remembered so a token can commit at most once.
/// </summary>
public sealed record FileState(
    string? CloudPath,
    FileVersion? Current,
    ImmutableList<FileVersion> Versions,
    int NextVersion,
    int UrlGeneration,
    ImmutableDictionary<string, DateTime> RecentUploads)
{
    /// <summary>How long an upload token is valid; used ids are remembered this long after their commit.</summary>
    public static readonly TimeSpan UploadTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Reused or replayed upload tokens: the SDK's storage signature error.</summary>
    public const string TokenUsedCode = "STORAGE_SIGN_PARAM_INVALID";

    public static readonly FileState Empty = new(null, null, [], 1, 0, ImmutableDictionary<string, DateTime>.Empty);

    public bool UploadIdUsed(string uploadId) => RecentUploads.ContainsKey(uploadId);

    public FileDecision Decide(CommitUpload command, DateTime now) =>
        UploadIdUsed(command.UploadId) ? FileDecision.Refuse(TokenUsedCode, "this upload token was already used; ask for a new one")
        : command.ExpectedVersion is { } expected && expected != (Current?.Version ?? 0)
            ? FileDecision.Refuse(ErrorCodes.StorageExceedAuthority,
                "the file changed after this upload was allowed; ask for new upload metadata, which checks the permission again")
        : FileDecision.Accept(new FileUploaded(command.By, now, command.CloudPath, NextVersion, command.UploadId,
            command.BlobName, command.Size, command.ContentType, command.Sha256, command.Source));

    public FileDecision Decide(DeleteFile command, DateTime now) => Current is null
        ? FileDecision.Refuse(ErrorCodes.StorageFileNonExist, $"file '{command.CloudPath}' does not exist")
        : FileDecision.Accept(new FileDeleted(command.By, now, command.CloudPath));

    public FileDecision Decide(RevokeUrls command, DateTime now) => Current is null
        ? FileDecision.Refuse(ErrorCodes.StorageFileNonExist, $"file '{command.CloudPath}' does not exist")
        : FileDecision.Accept(new FileUrlsRevoked(command.By, now, command.CloudPath));

    public FileState Apply(IFileEvent e, int keepVersions) => e switch
    {
        FileUploaded u => ApplyUpload(u, keepVersions),
        FileDeleted d => this with { CloudPath = d.CloudPath, Current = null },
        FileUrlsRevoked r => this with { CloudPath = r.CloudPath, UrlGeneration = UrlGeneration + 1 },
        _ => throw new ArgumentException($"unknown file event {e.GetType().Name}", nameof(e)),
    };

    private FileState ApplyUpload(FileUploaded u, int keepVersions)
    {
        var version = new FileVersion(u.Version, u.BlobName, u.Size, u.ContentType, u.Sha256, u.At, u.Source, u.By);
        var versions = Versions.Insert(0, version);
        if (versions.Count > keepVersions) versions = versions.RemoveRange(keepVersions, versions.Count - keepVersions);
        var horizon = u.At - UploadTokenLifetime;
        var recent = RecentUploads.RemoveRange(RecentUploads.Where(p => p.Value < horizon).Select(p => p.Key))
            .SetItem(u.UploadId, u.At);
        return new FileState(u.CloudPath, version, versions, u.Version + 1, UrlGeneration, recent);
    }
}
