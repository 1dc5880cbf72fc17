namespace ActorCloud.Documents.Rules;

/// <summary>The signed-in end user as rules see it (<c>auth.openid</c>, <c>auth.uid</c>, <c>auth.loginType</c>).</summary>
public sealed record RuleAuth(string Openid, string Uid, string LoginType);
