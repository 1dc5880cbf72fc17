using System.Security.Cryptography;
using System.Text;
using ActorCloud.Documents;

namespace ActorCloud.Actors.Files;

/// <summary>
/// CloudBase's rules for a file's path in its environment's storage: non-empty, at most 850 bytes of UTF-8,
/// no leading <c>/</c>, no empty, <c>.</c> or <c>..</c> segment, none of the characters CloudBase forbids, no
/// control characters. Anything else is refused before it can name a blob or an entity.
/// </summary>
public static class CloudPath
{
    public const int MaxBytes = 850;

    /// <summary>CloudBase's forbidden set, plus <c>?</c>, which would cut a download URL's path short.</summary>
    private const string Forbidden = "`^\"\\{}[]~%#<>?";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Validate(string? path)
    {
        if (string.IsNullOrEmpty(path)) throw Invalid("cloudPath must not be empty");
        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(path);
        }
        catch (EncoderFallbackException)
        {
            throw Invalid("cloudPath must be valid Unicode");
        }
        if (bytes > MaxBytes) throw Invalid($"cloudPath must be at most {MaxBytes} bytes of UTF-8");
        if (path[0] == '/') throw Invalid("cloudPath must not start with '/'");
        foreach (var c in path)
        {
            if (char.IsControl(c))
                throw Invalid("cloudPath must not contain control characters");
            if (Forbidden.Contains(c)) throw Invalid($"cloudPath must not contain '{c}'");
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) throw Invalid("cloudPath must not contain '//' or end with '/'");
            if (segment is "." or "..") throw Invalid("cloudPath must not contain '.' or '..' segments");
        }
        return path;
    }

    /// <summary>The file entity's id: the environment and a digest of the path (persistence ids are capped at 255 characters).</summary>
    public static string EntityId(string env, string cloudPath) =>
        $"{env}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cloudPath)))}";

    private static DocumentException Invalid(string message) => new(ErrorCodes.InvalidParam, message);
}
