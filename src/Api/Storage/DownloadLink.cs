using System.Globalization;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Signed, time-limited download URLs in the shape of CloudBase's (<c>…/{path}?sign={32 hex}&amp;t={unix}</c>). The
/// signature covers the environment, path, expiry, an optional version and the file's URL generation, which
/// revoking the file's URLs advances, so those URLs stop working at once. The generation also travels in the URL
/// (<c>g</c>, omitted while 0) so that a signature can be checked before any file entity is asked: a forged link
/// never wakes an entity. (A deleted file's URLs keep a valid signature and answer 404 while the path is empty.)
/// </summary>
public static class DownloadLink
{
    public const int SignLength = 32;

    /// <summary>CloudBase's default and cap for <c>max_age</c>: one day.</summary>
    public const int MaxAgeSeconds = 86_400;

    public static string Url(StorageSigner signer, string baseUrl, string env, string cloudPath, long expiresUnix, int generation, int? version)
    {
        var sign = signer.Sign(SignedText(env, cloudPath, expiresUnix, generation, version))[..SignLength];
        var url = $"{StorageUrls.Plain(baseUrl, env, cloudPath)}?sign={sign}&t={expiresUnix}";
        if (generation > 0) url += "&g=" + generation.ToString(CultureInfo.InvariantCulture);
        return version is null ? url : url + "&v=" + version.Value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool Verify(StorageSigner signer, string env, string cloudPath, long expiresUnix, int generation, int? version, string? sign) =>
        signer.Verify(SignedText(env, cloudPath, expiresUnix, generation, version), sign, SignLength);

    private static string SignedText(string env, string cloudPath, long expiresUnix, int generation, int? version) =>
        string.Join('\n', "download", env, cloudPath, expiresUnix.ToString(CultureInfo.InvariantCulture),
            generation.ToString(CultureInfo.InvariantCulture), version?.ToString(CultureInfo.InvariantCulture) ?? "");
}
