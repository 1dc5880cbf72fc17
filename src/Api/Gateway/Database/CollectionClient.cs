using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Serialization;
using ActorCloud.Api.Hosting;
using ActorCloud.Documents;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>Asks collection entities through the shard region and turns their refusals into gateway errors.</summary>
public sealed partial class CollectionClient(
    IRequiredActor<CollectionRegion> region, CollectionViews views, MessageRoundTrip roundTrip, IOptions<ActorCloudOptions> options)
{
    private readonly ConcurrentDictionary<string, long> _lastKeptAlive = new(StringComparer.Ordinal);
    private readonly long _keepAliveEveryMs = (long)(options.Value.Collections.PassivateIdleAfter / 4).TotalMilliseconds;

    /// <summary>Below the SDK's own 15 s timeout, so the client gets our error rather than its own.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Collection names: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, at most 128 characters, not starting
    /// with a dot; no <c>/</c> (it separates environment and collection in the entity id) and no <c>$</c>.
    /// </summary>
    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();

    public static string EntityId(string env, string collection)
    {
        if (!NamePattern().IsMatch(collection))
            throw new GatewayError(ErrorCodes.InvalidParam,
                "collectionName must be 1-128 characters of letters, digits, '_', '-' and '.', not starting with '.'");
        return $"{env}/{collection}";
    }

    /// <summary>A read unanswered this long is asked again, alongside the first ask (see <see cref="AskAsync{T}"/>).</summary>
    private static readonly TimeSpan HedgeAfter = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Asks the collection's entity, wherever it runs. A read is asked a second time, alongside the first, when no answer
    /// came within <see cref="HedgeAfter"/>, and the first answer wins: sharding delivers at most once, so a message can
    /// be lost while its collection's shard moves between nodes, and a read asked twice does no harm (a slow one costs
    /// its entity twice). A write is asked once: one that may have been made must not be made twice.
    /// </summary>
    public async Task<T> AskAsync<T>(ICollectionMessage message, CancellationToken cancellation) where T : ICollectionReply
    {
        var sent = roundTrip.Apply(message);
        var reply = sent is ICollectionRead
            ? await HedgedAskAsync(sent, cancellation)
            : await region.ActorRef.Ask<ICollectionReply>(sent, Timeout, cancellation);
        return Expect<T>(message, roundTrip.Apply(reply));
    }

    private async Task<ICollectionReply> HedgedAskAsync(ICollectionMessage message, CancellationToken cancellation)
    {
        var first = region.ActorRef.Ask<ICollectionReply>(message, Timeout, cancellation);
        if (await Task.WhenAny(first, Task.Delay(HedgeAfter, cancellation)) == first) return await first;
        var second = region.ActorRef.Ask<ICollectionReply>(message, Timeout - HedgeAfter, cancellation);
        var done = await Task.WhenAny(first, second);
        if (done.IsCompletedSuccessfully) return done.Result;
        var other = done == first ? second : first;
        _ = done.Exception;
        return await other;
    }

    /// <summary>
    /// A query, answered from the collection's published view when its entity runs on this node (scans then run
    /// in parallel on request threads), else by the entity. Point lookups by <c>_id</c> always ask the entity,
    /// which holds the id index.
    /// </summary>
    public async Task<T> ReadAsync<T>(ICollectionRead query, bool pointLookup, CancellationToken cancellation) where T : ICollectionReply
    {
        if (pointLookup || !views.TryGet(query.EntityId, out var view)) return await AskAsync<T>(query, cancellation);
        KeepAliveIfDue(query.EntityId);
        return Expect<T>(query, view.Answer(query));
    }

    /// <summary>A collection read only through its view is still in use: tell its entity so now and then, so it is not passivated.</summary>
    private void KeepAliveIfDue(string entityId)
    {
        var now = Environment.TickCount64;
        var last = _lastKeptAlive.GetOrAdd(entityId, 0);
        if (now - last < _keepAliveEveryMs || !_lastKeptAlive.TryUpdate(entityId, now, last)) return;
        region.ActorRef.Tell(roundTrip.Apply(new CollectionCommands.KeepAlive(entityId)));
    }

    /// <summary>A collection's permission for end users, from its published view when it runs here.</summary>
    public async Task<PermissionReply> PermissionAsync(string entityId, CancellationToken cancellation) =>
        views.TryGet(entityId, out var view)
            ? new PermissionReply(view.Exists, view.Permission)
            : await AskAsync<PermissionReply>(new CollectionCommands.GetPermission(entityId), cancellation);

    private static T Expect<T>(ICollectionMessage message, ICollectionReply reply) where T : ICollectionReply => reply switch
    {
        T expected => expected,
        Failed failed => throw new GatewayError(failed.Code, failed.Message),
        _ => throw new InvalidOperationException($"{message.GetType().Name} was answered with {reply.GetType().Name}"),
    };
}
