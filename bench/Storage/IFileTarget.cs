namespace ActorCloud.Bench.Storage;

/// <summary>Where a phase stores and reads files: ActorCloud over HTTP, or the blob account directly.</summary>
public interface IFileTarget
{
    string Name { get; }

    /// <summary>Uploads <paramref name="size"/> bytes of <see cref="RandomStream.ForPath"/> content; returns what <see cref="DownloadAsync"/> needs.</summary>
    Task<string> UploadAsync(string path, long size, CancellationToken cancellation = default);

    /// <summary>Downloads the whole file and returns how many bytes arrived.</summary>
    Task<long> DownloadAsync(string handle, CancellationToken cancellation = default);
}
