using System.Security.Cryptography;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Blob names are <c>{file entity id}/{upload id}</c> (<c>{env}/{sha256 of path}/{id}</c>): every upload, copy and
/// restore writes a fresh name, and the sweeper can tell from a name which file entity to ask about it.
/// </summary>
public static class BlobNames
{
    public static string For(string fileEntityId, string uploadId) => $"{fileEntityId}/{uploadId}";

    /// <summary>The file entity a blob belongs to; null for a name ActorCloud did not write.</summary>
    public static string? EntityOf(string blobName)
    {
        var last = blobName.LastIndexOf('/');
        return last > 0 && blobName.IndexOf('/') < last ? blobName[..last] : null;
    }

    public static string NewUploadId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
