using System.Text.Json;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Persistence.Queries;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.History;

/// <summary>
/// <c>actorcloud.restoreCollection</c>: brings a collection (or the documents named in <c>ids</c>) back to its state at
/// <c>asOfSeq</c>/<c>asOfTime</c> as new events on the live collection — history is never rewritten, so a restore can
/// itself be undone — or, with <c>into</c>, forks that past state into a new collection.
/// </summary>
public sealed class RestoreActions(CollectionClient collections, PastCollections past)
{
    public async Task<GatewayReply> RestoreAsync(ActionContext context)
    {
        var request = context.Request;
        var name = request.RequiredString("collectionName");
        var source = CollectionClient.EntityId(context.Env, name);
        var point = PastReads.PointOf(request) ?? throw new GatewayError(ErrorCodes.InvalidParam, "asOfSeq or asOfTime is required");
        var into = request.OptionalString("into");
        var scope = request.Has("ids") ? request.Array("ids", 10_000).Select(IdOf).ToList() : null;
        if (into is not null && scope is not null) throw new GatewayError(ErrorCodes.InvalidParam, "a fork copies the whole collection: give ids or into, not both");

        var then = await past.AtAsync(source, point, context.Cancellation);
        if (!then.State.Exists && into is not null) throw new GatewayError(ErrorCodes.DatabaseCollectionNotExist, $"'{name}' did not exist at that point");
        var documents = then.State.Documents.ToArray();
        var target = into is null ? source : CollectionClient.EntityId(context.Env, into);
        var restored = await collections.AskAsync<Restored>(
            new RestoreDocuments(target, context.Caller, documents, scope, CreateIfMissing: into is not null), context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteString("collectionName", into ?? name);
            w.WriteNumber("asOfSeq", then.SequenceNr);
            if (then.At is { } at) w.WriteString("asOfTime", at);
            w.WriteNumber("inserted", restored.Inserted);
            w.WriteNumber("replaced", restored.Replaced);
            w.WriteNumber("removed", restored.Removed);
        });
    }

    /// <summary>An id as JSON gives it; an EJSON object (<c>{"$oid": …}</c>) for the types JSON lacks.</summary>
    private static BsonValue IdOf(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => new BsonString(id.GetString()),
        JsonValueKind.Number or JsonValueKind.Object => Ejson.ParseDocument($$"""{"v":{{id.GetRawText()}}}""", "ids")["v"],
        _ => throw new GatewayError(ErrorCodes.InvalidParam, "ids must be document ids (strings, numbers or EJSON values)"),
    };
}
