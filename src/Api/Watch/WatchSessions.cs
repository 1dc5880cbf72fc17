using System.Collections.Concurrent;
using System.Security.Cryptography;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Rules;
using Akka.Actor;
using Akka.Hosting;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Watch;

/// <summary>
/// Every live or parked watch of this node by <c>queryID</c> (what a resuming client names), and how one starts:
/// subscribe to this node's feed of the collection first, then have its entity — on this node or another — follow it
/// and answer the documents as of a sequence number, so the initial result set and the events after it neither miss
/// nor repeat a write; an end user's query gets the read filter of the collection's permission.
/// </summary>
public sealed class WatchSessions(
    CollectionFeed feed, IRequiredActor<FeedRelayKey> feedRelay, CollectionClient collections, CollectionAccess access, ILogger<WatchSessions> log)
    : IDisposable
{
    /// <summary>How long a watch whose socket went away waits for its client to resume it.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, WatchSession> _sessions = new(StringComparer.Ordinal);

    public WatchSession? Find(string queryId) => _sessions.GetValueOrDefault(queryId);

    public async Task<WatchSession> OpenAsync(WatchPrincipal principal, WatchQuery query, CancellationToken cancellation)
    {
        var entityId = EntityId(principal.Env, query.Collection);
        var subscription = feed.Subscribe(entityId);
        try
        {
            var filterQuery = principal.User is { } user
                ? await access.FilterAsync(user, entityId, RuleOperation.Read, query.Query, null, cancellation)
                : query.Query;
            var filter = QueryFilter.Compile(filterQuery);
            var following = await FollowAsync(entityId, filterQuery, [], cancellation);
            if (!following.Exists)
                throw new WatchError(WatchError.SysErr, $"{ErrorCodes.DatabaseCollectionNotExist}: collection '{query.Collection}' does not exist");
            var state = new WatchState(filter, query.Order, query.Limit, following.Documents);
            var queryId = "q" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var session = new WatchSession(queryId, principal, subscription, filterQuery, following.SequenceNr, state, this, log);
            _sessions[queryId] = session;
            return session;
        }
        catch (Exception e)
        {
            subscription.Dispose();
            throw e switch
            {
                GatewayError { Code: ErrorCodes.DatabasePermissionDenied } denied => new WatchError(WatchError.PermissionDenied, denied.Message),
                GatewayError refused => new WatchError(WatchError.SysErr, $"{refused.Code}: {refused.Message}"),
                DocumentException invalid => new WatchError(WatchError.SysErr, $"{invalid.Code}: {invalid.Message}"),
                AskTimeoutException => new WatchError(WatchError.SysErr, "the collection did not answer in time; watch again"),
                _ => e,
            };
        }
    }

    /// <summary>
    /// Has the collection's entity, wherever it runs, send its writes to this node's feed (where the caller has
    /// subscribed already), and reads the documents the watch starts from — matching <paramref name="filterQuery"/>, plus
    /// those with the <paramref name="held"/> ids — as of the sequence number after which the feed takes over.
    /// </summary>
    internal async Task<Following> FollowAsync(string entityId, BsonDocument filterQuery, IReadOnlyList<BsonValue> held, CancellationToken cancellation)
    {
        var relay = await feedRelay.GetAsync(cancellation);
        var following = await collections.AskAsync<Following>(new CollectionCommands.FollowChanges(entityId, relay, filterQuery, held), cancellation);
        relay.Tell(new FeedRelay.Follow(entityId, following.Entity));
        return following;
    }

    private static string EntityId(string env, string collection)
    {
        try
        {
            return CollectionClient.EntityId(env, collection);
        }
        catch (GatewayError e)
        {
            throw new WatchError(WatchError.SysErr, e.Message);
        }
    }

    internal void Forget(WatchSession session) => _sessions.TryRemove(new KeyValuePair<string, WatchSession>(session.QueryId, session));

    public void Dispose()
    {
        foreach (var session in _sessions.Values) session.Close();
    }
}
