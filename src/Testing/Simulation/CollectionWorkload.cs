using ActorCloud.Actors.Collections;
using ActorCloud.Documents;
using ActorCloud.Persistence.Queries;
using Akka.Actor;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Random writes (insert, replace, increment, remove) on distinct documents of one collection entity, checked
/// against a <see cref="ReferenceModel"/>. The collection answers every command, queued ones too, before a journal
/// failure stops it; its fresh replay is <see cref="PastCollections"/> from the first event, ignoring snapshots.
/// </summary>
public sealed class CollectionWorkload(SimulationOptions options) : ISimulationWorkload
{
    private const string EntityId = "simulation/collection";

    private readonly ReferenceModel _model = new();

    public Props Entity { get; } =
        CollectionActor.Props(EntityId, new CollectionSettings(options.SnapshotEvery), new CollectionViews(), new CollectionFeed());

    public IReadOnlyList<object> Setup { get; } = [new CreateCollection(EntityId, CollectionOperation.Caller)];

    public object StateQuery { get; } = new FindDocuments(EntityId, new BsonDocument(), null, 0, int.MaxValue);

    public bool QueuedCommandsDieWithEntity => false;

    public IReadOnlyList<SimulationCommand> Batch(Random random, int concurrency)
    {
        var operations = new List<CollectionOperation>();
        var count = random.Next(1, concurrency + 1);
        while (operations.Count < count)
        {
            var operation = CollectionOperation.Random(random, options.Documents);
            if (operations.All(o => o.Id != operation.Id)) operations.Add(operation);
        }
        return [.. operations.Select(o => new SimulationCommand(o.Command(EntityId), o.ToString(), reply => o.Answered((ICollectionReply)reply, _model)))];
    }

    public bool Refused(object reply) => reply is Failed;

    public bool StopsEntity(object reply) => reply is Failed { Code: ErrorCodes.SysErr };

    public IReadOnlyList<string> Differences(object state) =>
        state is Found found ? _model.Differences(found.Documents) : [$"a full read was answered {state}"];

    public async Task<IReadOnlyList<string>> ReplayDifferencesAsync(ActorSystem system)
    {
        var replayed = await new PastCollections(system).AtAsync(EntityId, new PointInHistory(null, null), CancellationToken.None, fromSnapshot: false);
        return _model.Differences(replayed.State.Documents.All());
    }
}
