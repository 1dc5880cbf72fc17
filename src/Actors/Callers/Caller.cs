namespace ActorCloud.Actors.Callers;

/// <summary>
/// Who made a change: recorded on every event so history can answer "who did this". Exactly one group of
/// fields is set, by kind: an admin key id; a function name and invocation id; or a user's uid and openid.
/// </summary>
public sealed record Caller(
    string Kind,
    string? KeyId = null,
    string? Function = null,
    string? Invocation = null,
    string? Uid = null,
    string? Openid = null)
{
    public const string AdminKind = "admin";
    public const string FunctionKind = "function";
    public const string UserKind = "user";

    /// <summary>The host itself (start-up chores such as creating the default environment).</summary>
    public static readonly Caller System = new(AdminKind, KeyId: "system");

    public static Caller Admin(string keyId) => new(AdminKind, KeyId: keyId);
}
