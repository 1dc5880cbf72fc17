using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorCloud.Actors.Callers;
using ActorCloud.Api.Hosting;

namespace ActorCloud.Api.Functions;

/// <summary>What an invocation's session token vouches for: the call, and the end user it was made for (if any).</summary>
public sealed record InvocationClaims(string Env, string Function, string Invocation, string? Uid, string? Openid, long ExpiresUnix);

/// <summary>
/// Each call's session token (DESIGN, credentials): handed to the function as <c>TCB_SESSIONTOKEN</c>, which the SDKs
/// send back as <c>tcb_sessionToken</c> with every request the code makes. Together with the function's own
/// credential it tells the gateway which invocation, and which original caller, made a change — for history; the
/// call keeps the function's admin rights. HMAC under a key derived from the root admin key, so every node verifies it.
/// </summary>
public sealed class InvocationTokens(AdminKey adminKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly DerivedSigner _signer = new(adminKey, "actorcloud/invocation-tokens/v1");

    /// <summary>Beyond the longest deadline (60 s): work a function awaits after answering still counts as its call.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public string Issue(string env, string function, string invocation, Caller caller)
    {
        // A user's own call, or a function's nested call made for one: either way the original user travels on.
        var claims = new InvocationClaims(env, function, invocation, caller.Uid, caller.Openid, DateTimeOffset.UtcNow.Add(Lifetime).ToUnixTimeSeconds());
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json));
        return $"{payload}.{_signer.Sign(payload)}";
    }

    /// <summary>The claims of a genuine, unexpired token; null otherwise.</summary>
    public InvocationClaims? Verify(string? token)
    {
        var dot = token?.LastIndexOf('.') ?? -1;
        if (dot <= 0) return null;
        var payload = token![..dot];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(_signer.Sign(payload)), Encoding.ASCII.GetBytes(token[(dot + 1)..])))
            return null;
        try
        {
            var claims = JsonSerializer.Deserialize<InvocationClaims>(Base64Url.DecodeFromChars(payload), Json);
            return claims is not null && claims.ExpiresUnix > DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? claims : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }
}
