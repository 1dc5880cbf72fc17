using System.Diagnostics;
using System.Text.Json;
using ActorCloud.Api.Gateway;
using ActorCloud.Api.Gateway.Database;
using ActorCloud.Documents;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Storage;
using ActorCloud.Persistence.Queries;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Api.History;

/// <summary>
/// Operators' checks of a collection's event history (<c>actorcloud replay</c>, <c>actorcloud stats</c>):
/// <c>actorcloud.verifyCollection</c> replays every event from the first into a fresh state, and again from the latest
/// snapshot as a recovery would, and compares both with the live entity by a checksum of every document (naming the
/// documents that differ); with <c>rebuildSnapshot</c>, a verified collection then saves a fresh snapshot.
/// <c>actorcloud.collectionStats</c> reports each collection's events, latest snapshot, documents and how long a
/// recovery takes now. Both rebuild beside the live entity (<see cref="PastCollections"/>) and change nothing.
/// </summary>
public sealed class ReplayActions(CollectionClient collections, PastCollections past, EntityCatalog catalog)
{
    private const int MaxDifferences = 20;

    public async Task<GatewayReply> VerifyAsync(ActionContext context)
    {
        var name = context.Request.RequiredString("collectionName");
        var entityId = CollectionClient.EntityId(context.Env, name);
        var rebuild = context.Request.Bool("rebuildSnapshot", false);
        var live = await collections.AskAsync<Checksummed>(new ChecksumDocuments(entityId, Detail: false), context.Cancellation);
        if (!live.Exists) throw new GatewayError(ErrorCodes.DatabaseCollectionNotExist, $"collection '{name}' does not exist");
        var point = new PointInHistory(live.SequenceNr, null);

        var clock = Stopwatch.StartNew();
        var replayed = await past.AtAsync(entityId, point, context.Cancellation, fromSnapshot: false);
        var replayTime = clock.Elapsed;
        clock.Restart();
        var recovered = await past.AtAsync(entityId, point, context.Cancellation);
        var recoveryTime = clock.Elapsed;

        var replayedChecksum = DocumentChecksum.Of(replayed.State.Documents.AllBytes());
        var recoveredChecksum = DocumentChecksum.Of(recovered.State.Documents.AllBytes());
        var match = replayedChecksum == live.Checksum && recoveredChecksum == live.Checksum;
        var differences = match ? [] : await DifferencesAsync(entityId, replayed, recovered, context.Cancellation);
        var saved = match && rebuild
            ? await collections.AskAsync<SnapshotSaved>(new SaveSnapshotNow(entityId), context.Cancellation)
            : null;
        return new GatewayReply(w =>
        {
            w.WriteString("collectionName", name);
            w.WriteNumber("sequenceNr", live.SequenceNr);
            w.WriteString("live", live.Checksum);
            w.WriteString("replayed", replayedChecksum);
            w.WriteString("recovered", recoveredChecksum);
            w.WriteNumber("recoveredFromSnapshot", recovered.FromSnapshot);
            w.WriteBoolean("match", match);
            w.WriteNumber("replayMs", Math.Round(replayTime.TotalMilliseconds, 1));
            w.WriteNumber("recoveryMs", Math.Round(recoveryTime.TotalMilliseconds, 1));
            w.WriteNumber("eventsPerSecond", Math.Round(live.SequenceNr / Math.Max(replayTime.TotalSeconds, 1e-6)));
            w.WriteStartArray("differences");
            foreach (var difference in differences) w.WriteStringValue(difference);
            w.WriteEndArray();
            if (saved is not null) w.WriteNumber("snapshotSaved", saved.SequenceNr);
        });
    }

    /// <summary>The first documents whose live, replayed and recovered versions are not all the same, described.</summary>
    private async Task<List<string>> DifferencesAsync(string entityId, PastCollection replayed, PastCollection recovered, CancellationToken cancellation)
    {
        var live = await collections.AskAsync<Checksummed>(new ChecksumDocuments(entityId, Detail: true), cancellation);
        var liveHashes = live.Detail!.ToDictionary(d => Ejson.ToRelaxed(d.Id), d => d.Hash);
        var replayedHashes = Hashes(replayed);
        var recoveredHashes = Hashes(recovered);
        string Of(Dictionary<string, string> hashes, string id) => hashes.TryGetValue(id, out var hash) ? hash[..12] : "absent";
        return liveHashes.Keys.Union(replayedHashes.Keys).Union(recoveredHashes.Keys)
            .Where(id => !(Of(liveHashes, id) == Of(replayedHashes, id) && Of(liveHashes, id) == Of(recoveredHashes, id)))
            .Take(MaxDifferences)
            .Select(id => $"{id}: live {Of(liveHashes, id)}, replayed {Of(replayedHashes, id)}, recovered {Of(recoveredHashes, id)}")
            .ToList();
    }

    private static Dictionary<string, string> Hashes(PastCollection collection) =>
        collection.State.Documents.AllBytes().ToDictionary(b => Ejson.ToRelaxed(BsonBytes.IdOf(b)), DocumentChecksum.HashOf);

    public async Task<GatewayReply> StatsAsync(ActionContext context)
    {
        var names = context.Request.OptionalString("collectionName") is { } one
            ? [one]
            : await catalog.ListCollectionsAsync(context.Env, context.Cancellation);
        var rows = new List<Action<Utf8JsonWriter>>();
        foreach (var name in names)
        {
            var entityId = CollectionClient.EntityId(context.Env, name);
            var clock = Stopwatch.StartNew();
            var recovered = await past.AtAsync(entityId, new PointInHistory(null, null), context.Cancellation);
            var recovery = clock.Elapsed;
            if (!recovered.State.Exists) continue;
            rows.Add(w =>
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteNumber("events", recovered.SequenceNr);
                w.WriteNumber("snapshotAt", recovered.FromSnapshot);
                w.WriteNumber("replayedEvents", recovered.SequenceNr - recovered.FromSnapshot);
                w.WriteNumber("documents", recovered.State.Documents.Count);
                w.WriteNumber("recoveryMs", Math.Round(recovery.TotalMilliseconds, 1));
                w.WriteEndObject();
            });
        }
        return new GatewayReply(w =>
        {
            w.WriteStartArray("collections");
            foreach (var row in rows) row(w);
            w.WriteEndArray();
        });
    }
}
