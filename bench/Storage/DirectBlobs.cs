using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ActorCloud.Bench.Storage;

/// <summary>
/// The baseline: the same Azurite through Azure.Storage.Blobs from this process, in a container of its own, with
/// the transfer settings ActorCloud's <c>BlobStore</c> uses (4 MiB blocks, three in flight). It is as fast as an
/// application storing its files in the account itself would be.
/// </summary>
public sealed class DirectBlobs(BlobContainerClient container) : IFileTarget
{
    public const string ContainerName = "bench-direct";

    /// <summary>A fresh options object per upload: the SDK gets nothing shared between concurrent calls.</summary>
    private static BlobUploadOptions UploadOptions() => new()
    {
        TransferOptions = new StorageTransferOptions
        {
            InitialTransferSize = 4 << 20,
            MaximumTransferSize = 4 << 20,
            MaximumConcurrency = 3,
        },
    };

    public string Name => "direct";

    public static async Task<DirectBlobs> ConnectAsync(string connectionString)
    {
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(ContainerName);
        await container.CreateIfNotExistsAsync();
        return new DirectBlobs(container);
    }

    public async Task<string> UploadAsync(string path, long size, CancellationToken cancellation = default)
    {
        var content = RandomStream.ForPath(path, size);
        await container.GetBlobClient(path).UploadAsync(content, UploadOptions(), cancellation);
        if (content.BytesRead != size) throw new InvalidDataException($"the upload read {content.BytesRead} of {size} bytes");
        return path;
    }

    public async Task<long> DownloadAsync(string handle, CancellationToken cancellation = default)
    {
        var response = await container.GetBlobClient(handle).DownloadStreamingAsync(cancellationToken: cancellation);
        using var download = response.Value;
        return await StreamDrain.CountAsync(download.Content, cancellation);
    }
}
