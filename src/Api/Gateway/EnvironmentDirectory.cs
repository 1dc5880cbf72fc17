using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Directory;
using ActorCloud.Actors.Serialization;
using ActorCloud.Documents;
using Akka.Actor;
using Akka.Hosting;
using static ActorCloud.Actors.Directory.DirectoryMessages;

namespace ActorCloud.Api.Gateway;

/// <summary>
/// Which environments exist, as the directory entity knows them. Environments are never deleted, so a
/// known one is remembered for good and only unknown names cost a round trip to the directory.
/// </summary>
public sealed partial class EnvironmentDirectory(IRequiredActor<DirectoryRegion> directory, MessageRoundTrip roundTrip)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>CloudBase's environment id rule (the SDK only routes ids of this shape).</summary>
    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    public static partial Regex NamePattern();

    public void Remember(string env) => _known[env] = true;

    public async Task<bool> ExistsAsync(string env, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(env)) return true;
        if (!NamePattern().IsMatch(env)) return false;
        foreach (var name in await ListAsync(cancellationToken)) Remember(name);
        return _known.ContainsKey(env);
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var view = await directory.ActorRef.Ask<DirectoryView>(roundTrip.Apply(GetDirectory.Instance), Timeout, cancellationToken);
        return roundTrip.Apply(view).Environments;
    }

    /// <summary>Creates an environment; false when it existed already.</summary>
    public async Task<bool> CreateAsync(string env, Caller caller, CancellationToken cancellationToken)
    {
        if (!NamePattern().IsMatch(env))
            throw new GatewayError(ErrorCodes.InvalidParam, "environment ids are 1-40 characters of a-z, 0-9, '_' and '-'");
        var reply = roundTrip.Apply(await directory.ActorRef.Ask<EnvironmentCreatedReply>(
            roundTrip.Apply(new CreateEnvironment(env, caller)), Timeout, cancellationToken));
        Remember(env);
        return reply.Created;
    }
}
