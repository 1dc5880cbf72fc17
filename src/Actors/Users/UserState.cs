using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using static ActorCloud.Actors.Users.UserMessages;

namespace ActorCloud.Actors.Users;

/// <summary>
/// An end user and their live sessions, with the rules free of actors. Expired sessions are dropped whenever an
/// event is applied (by the event's time, so replay drops the same ones), and a user keeps at most
/// <see cref="MaxSessions"/>: a new sign-in beyond that ends the oldest.
/// </summary>
public sealed record UserState(string Uid, UserProfile? Profile, DateTime? CreatedAt, ImmutableList<Session> Sessions)
{
    public const int MaxSessions = 20;

    /// <summary>The refresh-token errors the web SDKs recognise (cloudbase-web-protocol.md §3).</summary>
    public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";
    public const string RefreshTokenExpired = "REFRESH_TOKEN_EXPIRED";

    public static UserState Empty(string uid) => new(uid, null, null, []);

    public UserView View => new(Uid, Profile is not null, Profile, CreatedAt);

    public IReadOnlyList<IUserEvent> Decide(StartSession command, DateTime now)
    {
        var started = new SessionStarted(now, command.Session with { StartedAt = now });
        return Profile is null ? [new UserRegistered(now, Uid, command.Profile), started] : [started];
    }

    public object Decide(ResumeSession command, DateTime now)
    {
        var session = Sessions.FirstOrDefault(s => s.Id == command.SessionId);
        if (session is null || !SameHash(session.SecretHash, command.SecretHash))
            return new UserFailed(InvalidRefreshToken, "the refresh token is not valid (revoked, replaced or never issued)");
        return session.ExpiresAt <= now
            ? new UserFailed(RefreshTokenExpired, "the refresh token has expired; sign in again")
            : new SessionGranted(View, session);
    }

    public UserState Apply(IUserEvent e)
    {
        var live = Sessions.RemoveAll(s => s.ExpiresAt <= e.At);
        return e switch
        {
            UserRegistered registered => this with { Profile = registered.Profile, CreatedAt = registered.At, Sessions = live },
            SessionStarted started => this with
            {
                Sessions = (live.Count >= MaxSessions ? live.RemoveRange(0, live.Count - MaxSessions + 1) : live).Add(started.Session),
            },
            SessionRevoked revoked => this with { Sessions = live.RemoveAll(s => s.Id == revoked.SessionId) },
            _ => throw new ArgumentException($"unknown user event {e.GetType().Name}", nameof(e)),
        };
    }

    private static bool SameHash(string stored, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(given));
}
