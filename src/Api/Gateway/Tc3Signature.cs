using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// Checks the TC3-HMAC-SHA256 "tcb" signature the server SDKs put on <c>/admin</c> requests (protocol notes §3.3;
/// <c>@cloudbase/signature-nodejs</c>'s <c>tc3sign</c>): the canonical request over the method, URL, query, the signed
/// headers (values lower-cased), and a hash of the signed body members; the key derived from the SecretKey, the
/// date of <c>X-Timestamp</c> and the service <c>tcb</c>. Requests older than the SDK's own expiry are refused.
/// </summary>
public static class Tc3Signature
{
    private const string Algorithm = "TC3-HMAC-SHA256";
    private const string Service = "tcb";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(600 + 60);

    /// <summary>The SecretId an Authorization header names; null when it is not a TC3 header.</summary>
    public static string? SecretIdOf(string authorization)
    {
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
        var credential = Part(authorization, "Credential");
        return credential?.Split('/')[0];
    }

    public static bool Verify(HttpRequest request, JsonElement body, string authorization, string secretKey)
    {
        var credential = Part(authorization, "Credential");
        var signedHeaders = Part(authorization, "SignedHeaders");
        var signedParams = Part(authorization, "SignedParams");
        var signature = Part(authorization, "Signature");
        if (credential is null || signedHeaders is null || signature is null) return false;
        if (!long.TryParse(request.Headers["X-Timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)) return false;
        var when = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if ((DateTimeOffset.UtcNow - when).Duration() > MaxSkew) return false;
        var date = when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{Service}/tc3_request";
        if (credential.IndexOf('/') is var slash && (slash < 0 || credential[(slash + 1)..] != scope)) return false;

        var headerNames = signedHeaders.Split(';');
        var canonicalHeaders = new StringBuilder();
        foreach (var name in headerNames)
        {
            var value = name == "host" ? request.Host.Value ?? "" : request.Headers[name].ToString();
            if (name == "content-type" && value.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)) value = "multipart/form-data";
            canonicalHeaders.Append(name).Append(':').Append(value.Trim().ToLowerInvariant()).Append('\n');
        }
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var canonicalRequest = $"{request.Method.ToLowerInvariant()}\n//{request.Host.Value}{request.Path.Value}\n{query}\n{canonicalHeaders}\n{signedHeaders}\n{PayloadHash(body, signedParams)}";
        var stringToSign = $"{Algorithm}\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date), Service), "tc3_request");
        var expected = Encoding.ASCII.GetBytes(Hex(Hmac(key, stringToSign)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    /// <summary>
    /// The body's hash: each signed member (names lower-cased), its value the string itself or its JSON text — which
    /// is exactly the raw text the SDK sent, as the body was one <c>JSON.stringify</c> — skipping empty strings.
    /// </summary>
    private static string PayloadHash(JsonElement body, string? signedParams)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (body.ValueKind == JsonValueKind.Object)
            foreach (var member in body.EnumerateObject()) members[Uri.EscapeDataString(member.Name.Trim().ToLowerInvariant())] = member.Value;
        var keys = signedParams?.Split(';', StringSplitOptions.RemoveEmptyEntries)
                   ?? members.Keys.Order(StringComparer.Ordinal).ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var key in keys)
        {
            if (!members.TryGetValue(key, out var value)) continue;
            var text = (value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()).Trim();
            if (text.Length == 0) continue;
            hash.AppendData(Encoding.UTF8.GetBytes($"&{key}={text}\r\n"));
        }
        return Hex(hash.GetHashAndReset());
    }

    private static string? Part(string authorization, string name)
    {
        var start = authorization.IndexOf(name + "=", StringComparison.Ordinal);
        if (start < 0) return null;
        start += name.Length + 1;
        var end = authorization.IndexOf(',', start);
        return (end < 0 ? authorization[start..] : authorization[start..end]).Trim();
    }

    private static byte[] Hmac(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
