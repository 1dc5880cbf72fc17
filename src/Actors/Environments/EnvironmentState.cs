using System.Collections.Immutable;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Permissions;
using ActorCloud.Documents;
using static ActorCloud.Actors.Environments.EnvironmentMessages;

namespace ActorCloud.Actors.Environments;

/// <summary>An environment's security settings and their rules, free of actors: <c>Decide</c> and <c>Apply</c>.</summary>
public sealed record EnvironmentState(ImmutableList<TokenKey> TokenKeys, ImmutableList<LoginKey> LoginKeys, Permission Storage)
{
    /// <summary>CloudBase allows a handful of custom-login key files per environment; so do we.</summary>
    public const int MaxLoginKeys = 5;

    public static readonly EnvironmentState Empty = new([], [], Permission.StorageDefault);

    public SecuritySettings Settings => new(TokenKeys, LoginKeys, Storage);

    /// <summary>The events a command comes to (none: nothing to change), or a refusal.</summary>
    public (IReadOnlyList<IEnvironmentEvent> Events, EnvironmentFailed? Refusal) Decide(IEnvironmentMessage command, DateTime now) =>
        command switch
        {
            EnsureTokenKey e => TokenKeys.Any(k => k.RetiredAt is null)
                ? ([], null)
                : ([new TokenKeyIssued(Caller.System, now, e.Candidate with { IssuedAt = now })], null),
            RotateTokenKey r => (Rotation(r, now), null),
            AddLoginKey when LoginKeys.Count >= MaxLoginKeys =>
                ([], new EnvironmentFailed(ErrorCodes.InvalidParam, $"an environment holds at most {MaxLoginKeys} custom-login keys; delete one first")),
            AddLoginKey a => ([new LoginKeyAdded(a.Caller, now, a.Key with { CreatedAt = now })], null),
            RemoveLoginKey r when LoginKeys.All(k => k.KeyId != r.KeyId) =>
                ([], new EnvironmentFailed(ErrorCodes.InvalidParam, $"no custom-login key '{r.KeyId}'")),
            RemoveLoginKey r => ([new LoginKeyRemoved(r.Caller, now, r.KeyId)], null),
            SetStoragePermission s => ([new StoragePermissionChanged(s.Caller, now, s.Permission)], null),
            _ => ([], null),
        };

    public EnvironmentState Apply(IEnvironmentEvent e) => e switch
    {
        TokenKeyIssued issued => this with { TokenKeys = TokenKeys.Add(issued.Key) },
        TokenKeysRetired retired => this with
        {
            TokenKeys = TokenKeys.Select(k => retired.KeyIds.Contains(k.KeyId) ? k with { RetiredAt = retired.At } : k).ToImmutableList(),
        },
        LoginKeyAdded added => this with { LoginKeys = LoginKeys.Add(added.Key) },
        LoginKeyRemoved removed => this with { LoginKeys = LoginKeys.RemoveAll(k => k.KeyId == removed.KeyId) },
        StoragePermissionChanged changed => this with { Storage = changed.Permission },
        _ => throw new ArgumentException($"unknown environment event {e.GetType().Name}", nameof(e)),
    };

    private List<IEnvironmentEvent> Rotation(RotateTokenKey command, DateTime now)
    {
        var events = new List<IEnvironmentEvent>();
        var live = TokenKeys.Where(k => k.RetiredAt is null).Select(k => k.KeyId).ToList();
        if (command.RetirePrevious && live.Count > 0) events.Add(new TokenKeysRetired(command.Caller, now, live));
        events.Add(new TokenKeyIssued(command.Caller, now, command.Candidate with { IssuedAt = now }));
        return events;
    }
}
