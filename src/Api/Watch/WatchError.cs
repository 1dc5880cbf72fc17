namespace ActorCloud.Api.Watch;

/// <summary>
/// A refusal answered as a realtime <c>ERROR</c> frame. The codes are those the client knows (protocol notes §3.9):
/// it retries the sign-in ones with a fresh ticket and ends the watch with an error on every other.
/// </summary>
public sealed class WatchError(string code, string message) : Exception(message)
{
    public const string SysErr = "SYS_ERR";
    public const string CheckLoginFailed = "CHECK_LOGIN_FAILED";
    public const string SignInvalid = "SIGN_INVALID_ERROR";
    public const string SignExpired = "SIGN_EXPIRED_ERROR";
    public const string SignParamInvalid = "SIGN_PARAM_INVALID";

    /// <summary>Spelled as CloudBase spells it.</summary>
    public const string InvalidEnv = "INVALIID_ENV";

    public const string PermissionDenied = "COLLECTION_PERMISSION_DENIED";
    public const string QueryIdInvalid = "QUERYID_INVALID_ERROR";

    public string Code { get; } = code;
}
