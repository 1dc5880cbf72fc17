using ActorCloud.Api.Hosting;
using ActorCloud.Api.Identity;
using ActorCloud.Api.Watch;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>The realtime ticket of <c>auth.wsWebSign</c>: the socket's whole identity, so it must not be forgeable.</summary>
public sealed class WatchTicketTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly WatchSigner _signer = Signer("root-key");

    [Fact]
    public void Carries_the_environment_and_the_caller()
    {
        var user = new UserIdentity("env-a", "uid-1", "CUSTOM", "uid-1", "alice", "s-1");
        var admin = WatchTicket.Read(_signer, new WatchTicket("env-a", Now.ToUnixTimeSeconds() + 60, null).Issue(_signer), Now);
        var forUser = WatchTicket.Read(_signer, new WatchTicket("env-a", Now.ToUnixTimeSeconds() + 60, user).Issue(_signer), Now);

        Assert.Equal(new WatchPrincipal("env-a", null), admin.Principal);
        Assert.Equal(user, forUser.User);
        Assert.False(admin.Principal.SameCaller(forUser.Principal));
        Assert.True(forUser.Principal.SameCaller(new WatchPrincipal("env-a", user with { SessionId = "s-2" })));
    }

    [Fact]
    public void Refuses_tampered_foreign_expired_and_missing_tickets()
    {
        var issued = new WatchTicket("env-a", Now.ToUnixTimeSeconds() + 60, null).Issue(_signer);
        var forged = new WatchTicket("env-b", Now.ToUnixTimeSeconds() + 60, null).Issue(_signer).Split('.')[0] + "." + issued.Split('.')[1];

        Assert.Equal(WatchError.SignInvalid, Refusal(forged, Now));
        Assert.Equal(WatchError.SignInvalid, Refusal(new WatchTicket("env-a", Now.ToUnixTimeSeconds() + 60, null).Issue(Signer("other-key")), Now));
        Assert.Equal(WatchError.SignInvalid, Refusal("no-dot-here", Now));
        Assert.Equal(WatchError.SignExpired, Refusal(issued, Now.AddMinutes(2)));
        Assert.Equal(WatchError.SignParamInvalid, Refusal(null, Now));
    }

    private string Refusal(string? signStr, DateTimeOffset now) =>
        Assert.Throws<WatchError>(() => WatchTicket.Read(_signer, signStr, now)).Code;

    private static WatchSigner Signer(string key)
    {
        var adminKey = new AdminKey();
        adminKey.Set(key);
        return new WatchSigner(adminKey);
    }
}
