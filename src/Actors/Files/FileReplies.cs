using ActorCloud.Actors.Callers;

namespace ActorCloud.Actors.Files;

/// <summary>A file entity's answer.</summary>
public interface IFileReply;

public static class FileReplies
{
    public sealed record UploadClaimed(string UploadId) : IFileReply;

    /// <summary>A refusal with CloudBase's code, e.g. <c>STORAGE_FILE_NONEXIST</c>; nothing changed.</summary>
    public sealed record FileFailed(string Code, string Message) : IFileReply;

    /// <summary>
    /// What the file is now: its path (null for a path never written), its current version (null when absent or
    /// deleted), the retained versions newest first, and the generation download URLs are signed with.
    /// </summary>
    public sealed record FileView(
        string? CloudPath,
        FileVersion? Current,
        IReadOnlyList<FileVersion> Versions,
        int UrlGeneration) : IFileReply;

    /// <summary>The version a commit made current.</summary>
    public sealed record FileCommitted(FileVersion Version) : IFileReply;

    public sealed record Deleted : IFileReply;

    public sealed record UrlsRevoked : IFileReply;
}

/// <summary>One version of a file's content, and who made it.</summary>
public sealed record FileVersion(
    int Version,
    string BlobName,
    long Size,
    string ContentType,
    string Sha256,
    DateTime UploadedAt,
    string? Source,
    Caller By);
