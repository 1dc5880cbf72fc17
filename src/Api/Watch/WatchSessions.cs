using System.Collections.Concurrent;
using System.Security.Cryptography;
using ActorCloud.Actors.Collections;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Api.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Rules;
using ActorCloud.Documents.Storage;
using Akka.Actor;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.Watch;

/// <summary>
/// Every live or parked watch of this node by <c>queryID</c> (what a resuming client names), and how one starts:
/// subscribe to the collection's feed first, then read its view, so the initial result set and the events after it
/// neither miss nor repeat a write; an end user's query gets the read filter of the collection's permission.
/// </summary>
public sealed class WatchSessions(
    CollectionFeed feed, CollectionViews views, CollectionClient collections, CollectionAccess access, ILogger<WatchSessions> log)
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
            var view = await SettledViewAsync(entityId, query.Collection, cancellation);
            var filter = QueryFilter.Compile(principal.User is { } user
                ? await access.FilterAsync(user, entityId, RuleOperation.Read, query.Query, null, cancellation)
                : query.Query);
            var state = new WatchState(filter, query.Order, query.Limit, QueryExecutor.Matching(view.Documents, filter, firstOnly: false));
            var queryId = "q" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var session = new WatchSession(queryId, principal, subscription, view.SequenceNr, state, this, log);
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
    /// The collection's view once no write is in flight: a read queues behind a write being persisted, and such a write,
    /// decided before the subscription, is not published to it, so it has to be in the view the watch starts from.
    /// </summary>
    private async Task<CollectionView> SettledViewAsync(string entityId, string collection, CancellationToken cancellation)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var permission = await collections.AskAsync<PermissionReply>(new CollectionCommands.GetPermission(entityId), cancellation);
            if (!permission.Exists)
                throw new WatchError(WatchError.SysErr, $"{ErrorCodes.DatabaseCollectionNotExist}: collection '{collection}' does not exist");
            if (views.TryGet(entityId, out var view)) return view;
        }
        throw new WatchError(WatchError.SysErr, $"collection '{collection}' is not running on this node; watch again");
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
