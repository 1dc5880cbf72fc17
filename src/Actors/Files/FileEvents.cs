using ActorCloud.Actors.Callers;

namespace ActorCloud.Actors.Files;

/// <summary>A fact in a file's journal. Content lives in the blob the event names; the journal holds the rest.</summary>
public interface IFileEvent
{
    Caller By { get; }

    DateTime At { get; }
}

public static class FileEvents
{
    /// <summary>
    /// A new version became the file's content: an upload (<paramref name="UploadId"/> is its one-time token's id),
    /// a copy from another path, or the restore of an earlier version (<paramref name="Source"/> says which).
    /// </summary>
    public sealed record FileUploaded(
        Caller By,
        DateTime At,
        string CloudPath,
        int Version,
        string UploadId,
        string BlobName,
        long Size,
        string ContentType,
        string Sha256,
        string? Source) : IFileEvent;

    /// <summary>The file is gone from its path (its earlier versions stay restorable while retained).</summary>
    public sealed record FileDeleted(Caller By, DateTime At, string CloudPath) : IFileEvent;

    /// <summary>Every download URL handed out so far stops working.</summary>
    public sealed record FileUrlsRevoked(Caller By, DateTime At, string CloudPath) : IFileEvent;
}
