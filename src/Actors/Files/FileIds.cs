using ActorCloud.Documents;

namespace ActorCloud.Actors.Files;

/// <summary>
/// CloudBase file ids, <c>cloud://{env}.{bucket}/{cloudPath}</c>, with the bucket <c>{env}-{appNumber}</c>.
/// Clients treat them as opaque strings; the server parses them back to an environment and a path.
/// </summary>
public sealed class FileIds(long appNumber)
{
    public const long DefaultAppNumber = 1250000000;
    private const string Scheme = "cloud://";

    public string Bucket(string env) => $"{env}-{appNumber}";

    public string Format(string env, string cloudPath) => $"{Scheme}{env}.{Bucket(env)}/{cloudPath}";

    /// <summary>The path a file id names in <paramref name="env"/>; a malformed id or one of another environment is refused.</summary>
    public string PathIn(string env, string fileId)
    {
        if (!fileId.StartsWith(Scheme, StringComparison.Ordinal))
            throw new DocumentException(ErrorCodes.InvalidParam, $"'{fileId}' is not a cloud:// file id");
        var rest = fileId.AsSpan(Scheme.Length);
        var slash = rest.IndexOf('/');
        var dot = rest.IndexOf('.');
        if (slash <= 0 || dot <= 0 || dot > slash)
            throw new DocumentException(ErrorCodes.InvalidParam, $"'{fileId}' is not a cloud://env.bucket/path file id");
        var idEnv = rest[..dot].ToString();
        var bucket = rest[(dot + 1)..slash].ToString();
        if (idEnv != env || bucket != Bucket(env))
            throw new DocumentException(ErrorCodes.StorageExceedAuthority, $"'{fileId}' belongs to another environment than '{env}'");
        return CloudPath.Validate(rest[(slash + 1)..].ToString());
    }

    /// <summary>A path given either as a cloud path or as a file id of <paramref name="env"/>.</summary>
    public string PathOrFileId(string env, string value) =>
        value.StartsWith(Scheme, StringComparison.Ordinal) ? PathIn(env, value) : CloudPath.Validate(value);
}
