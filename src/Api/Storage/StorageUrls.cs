namespace ActorCloud.Api.Storage;

/// <summary>
/// Where files live on this server: <c>/storage/{env}/{cloudPath}</c>, PUT or form POST with an upload token, GET/HEAD with a
/// download signature. Download URLs keep the path unescaped as CloudBase's do, because the SDKs pass them through
/// <c>encodeURI</c> before fetching; the upload URL is sent as it is, so it is escaped segment by segment.
/// </summary>
public static class StorageUrls
{
    public const string Prefix = "/storage";

    public static string Upload(string origin, string env, string cloudPath) =>
        $"{origin}{Prefix}/{env}/{string.Join('/', cloudPath.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The upload URL for COS's form POST, carrying the upload token for clients that post the bare bytes.</summary>
    public static string FormUpload(string origin, string env, string cloudPath, string token, string signature) =>
        $"{Upload(origin, env, cloudPath)}?{UploadEndpoint.TokenParameter}={Uri.EscapeDataString(token)}&{UploadEndpoint.SignatureParameter}={Uri.EscapeDataString(signature)}";

    public static string Plain(string origin, string env, string cloudPath) => $"{origin}{Prefix}/{env}/{cloudPath}";
}
