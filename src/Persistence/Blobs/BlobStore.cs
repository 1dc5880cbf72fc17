using System.Buffers;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ActorCloud.Persistence.Blobs;

/// <summary>
/// File content in Azure Blob Storage (Azurite locally), one container for all environments. Blobs are
/// immutable: every upload, copy and restore writes a new blob name, so a reader never sees a blob change
/// under it, and only the file entity decides which blob is a file's content.
/// </summary>
public sealed class BlobStore(BlobContainerClient container)
{
    /// <summary>Blocks of 4 MiB, three in flight: enough to keep the storage busy, bounded memory per upload.</summary>
    private const int BlockSize = 4 << 20;
    private const int BlocksInFlight = 3;

    public string ContainerName => container.Name;

    public static BlobStore Connect(string connectionString, string containerName) =>
        new(new BlobServiceClient(connectionString).GetBlobContainerClient(containerName));

    public async Task EnsureContainerAsync(CancellationToken cancellation) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellation);

    public async Task PingAsync(CancellationToken cancellation) =>
        await container.GetPropertiesAsync(cancellationToken: cancellation);

    /// <summary>
    /// Streams <paramref name="body"/> into a new blob, hashing as it goes. Blocks are staged as they arrive and
    /// the blob only exists once the block list is committed at the end, so an aborted, truncated or oversized
    /// upload leaves nothing readable (Azure drops uncommitted blocks by itself).
    /// </summary>
    public async Task<StoredBlob> UploadAsync(
        string blobName, Stream body, long maxBytes, string contentType, CancellationToken cancellation)
    {
        var blob = container.GetBlockBlobClient(blobName);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blockIds = new List<string>();
        var inFlight = new List<Task>(BlocksInFlight);
        long size = 0;
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
                int read;
                try
                {
                    read = await body.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellation);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                size += read;
                if (size > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw new BlobTooLargeException(maxBytes);
                }
                sha.AppendData(buffer, 0, read);
                if (blockIds.Count == 0 && read < BlockSize)
                    return await PutWholeAsync(blob, blobName, buffer, read, contentType, sha, cancellation);
                var blockId = Convert.ToBase64String(BitConverter.GetBytes((long)blockIds.Count));
                blockIds.Add(blockId);
                if (inFlight.Count == BlocksInFlight)
                {
                    var done = await Task.WhenAny(inFlight);
                    inFlight.Remove(done);
                    await done;
                }
                inFlight.Add(StageAsync(blob, blockId, buffer, read, cancellation));
                if (read < BlockSize) break;
            }
            await Task.WhenAll(inFlight);
        }
        catch
        {
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            throw;
        }
        var committed = await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellation);
        return new StoredBlob(blobName, size, Convert.ToHexStringLower(sha.GetHashAndReset()), committed.Value.LastModified);
    }

    /// <summary>A body that fits in one block goes up in one request (Put Blob) instead of stage + commit.</summary>
    private static async Task<StoredBlob> PutWholeAsync(
        BlockBlobClient blob, string blobName, byte[] buffer, int length, string contentType, IncrementalHash sha, CancellationToken cancellation)
    {
        try
        {
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            var uploaded = await blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, cancellation);
            return new StoredBlob(blobName, length, Convert.ToHexStringLower(sha.GetHashAndReset()), uploaded.Value.LastModified);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int length, CancellationToken cancellation)
    {
        try
        {
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            await blob.StageBlockAsync(blockId, content, cancellationToken: cancellation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Opens a blob (or the byte range <paramref name="offset"/>..+<paramref name="length"/>; null length: to the end) for streaming.</summary>
    public async Task<Stream?> OpenReadAsync(string blobName, long offset, long? length, CancellationToken cancellation)
    {
        try
        {
            var range = offset == 0 && length is null ? default : new HttpRange(offset, length);
            var response = await container.GetBlobClient(blobName).DownloadStreamingAsync(
                new BlobDownloadOptions { Range = range }, cancellation);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Server-side copy into a new blob name (the source stays as it is).</summary>
    public async Task CopyAsync(string sourceName, string targetName, CancellationToken cancellation)
    {
        var source = container.GetBlobClient(sourceName);
        var operation = await container.GetBlobClient(targetName).StartCopyFromUriAsync(source.Uri, cancellationToken: cancellation);
        await operation.WaitForCompletionAsync(cancellation);
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellation) =>
        await container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellation);

    /// <summary>Every committed blob with its last-modified time, page by page.</summary>
    public async IAsyncEnumerable<(string Name, DateTimeOffset LastModified)> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellation))
            yield return (item.Name, item.Properties.LastModified ?? DateTimeOffset.MinValue);
    }
}

/// <summary>A blob written by an upload, copy or restore: what the file entity records about its content.</summary>
public sealed record StoredBlob(string Name, long Size, string Sha256, DateTimeOffset LastModified);

public sealed class BlobTooLargeException(long maxBytes) : Exception($"the upload is larger than the limit of {maxBytes} bytes")
{
    public long MaxBytes { get; } = maxBytes;
}
