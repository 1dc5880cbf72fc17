using System.Buffers.Text;
using System.Text.Json;
using ActorCloud.Actors.Callers;

namespace ActorCloud.Api.Storage;

/// <summary>
/// The one-time permission to upload one path, handed out by <c>storage.getUploadMetadata</c>: the SDK sends the
/// payload back as <c>x-cos-security-token</c> and its signature as <c>authorization</c>, as it does with COS
/// credentials. The upload id makes it one-time (the file entity refuses an id it has seen); the expiry
/// bounds how long it is worth anything. For an end user it also carries their login type (storage rules may read it)
/// and <paramref name="BasedOn"/>, the file's version their permission was checked against (0: no file).
/// </summary>
public sealed record UploadToken(
    string Env, string CloudPath, string UploadId, long ExpiresUnix, Caller Caller, string? LoginType = null, int? BasedOn = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DateTime ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresUnix).UtcDateTime;

    public (string Token, string Authorization) Issue(StorageSigner signer)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));
        return (payload, signer.Sign(SignedText(payload)));
    }

    /// <summary>The token if its signature holds; null for a tampered or malformed one.</summary>
    public static UploadToken? Read(StorageSigner signer, string? token, string? authorization)
    {
        if (string.IsNullOrEmpty(token) || !signer.Verify(SignedText(token), authorization)) return null;
        try
        {
            return JsonSerializer.Deserialize<UploadToken>(Base64Url.DecodeFromChars(token), Json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string SignedText(string payload) => "upload\n" + payload;
}
