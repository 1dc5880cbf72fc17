using System.Buffers.Text;
using System.Text.Json;
using ActorCloud.Api.Identity;

namespace ActorCloud.Api.Watch;

/// <summary>
/// The <c>signStr</c> of <c>auth.wsWebSign</c>: who may open watches in which environment, until when. It is the only
/// identity a realtime socket has (the client's <c>LOGIN</c> carries nothing else), so it names the caller exactly:
/// an admin (<paramref name="User"/> null: watches see everything) or the end user whose read permissions apply.
/// Short-lived because the SDK asks for a fresh one on every (re)connection.
/// </summary>
public sealed record WatchTicket(string Env, long ExpiresUnix, UserIdentity? User)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Only the user's own fields; the derived ones are recomputed on reading.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    public WatchPrincipal Principal => new(Env, User);

    public string Issue(WatchSigner signer)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, Json));
        return payload + "." + signer.Sign(SignedText(payload));
    }

    /// <summary>The ticket of a LOGIN; refused as the client expects, which then retries once with a fresh one.</summary>
    public static WatchTicket Read(WatchSigner signer, string? signStr, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signStr)) throw new WatchError(WatchError.SignParamInvalid, "LOGIN needs exMsgData.signStr from auth.wsWebSign");
        var dot = signStr.IndexOf('.');
        if (dot <= 0 || !signer.Verify(SignedText(signStr[..dot]), signStr[(dot + 1)..]))
            throw new WatchError(WatchError.SignInvalid, "the realtime ticket is not one this server issued");
        WatchTicket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<WatchTicket>(Base64Url.DecodeFromChars(signStr.AsSpan(0, dot)), Json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            ticket = null;
        }
        if (ticket is null) throw new WatchError(WatchError.SignInvalid, "the realtime ticket is malformed");
        if (now.ToUnixTimeSeconds() > ticket.ExpiresUnix)
            throw new WatchError(WatchError.SignExpired, "the realtime ticket has expired; the SDK fetches a new one with auth.wsWebSign");
        return ticket;
    }

    private static string SignedText(string payload) => "watch\n" + payload;
}
