using ActorCloud.Actors.Collections;
using ActorCloud.Persistence.Queries;
using Akka.Actor;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// A seeded random workload against one collection entity with the journal and snapshot store misbehaving on purpose:
/// writes that fail or are rejected, recoveries that fail, snapshots that fail, slow writes, passivations. After every
/// <see cref="SimulationOptions.CheckEvery"/> steps and at the end it checks that the live state, a fresh replay of the
/// journal (no snapshot) and a recovery (from the latest snapshot) all equal a <see cref="ReferenceModel"/> fed only the
/// acknowledged writes — so nothing acknowledged was lost and nothing refused changed anything. A broken invariant
/// throws <see cref="SimulationFailure"/> naming the seed.
/// </summary>
public sealed class CollectionSimulation
{
    private const string EntityId = "simulation/collection";
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly SimulationOptions _options;
    private readonly SimulationSystem _system;
    private readonly Random _random;
    private readonly ReferenceModel _model = new();
    private readonly Queue<string> _recent = new();
    private readonly Dictionary<string, int> _faults = [];
    private readonly IActorRef _entity;
    private int _step;
    private int _acknowledged;
    private int _refused;
    private int _checks;

    private CollectionSimulation(SimulationOptions options, SimulationSystem system)
    {
        _options = options;
        _system = system;
        _random = new Random(options.Seed);
        var settings = new CollectionSettings(options.SnapshotEvery);
        _entity = system.System.ActorOf(EntityHost.Props(CollectionActor.Props(EntityId, settings, new CollectionViews(), new CollectionFeed())));
    }

    public static async Task<SimulationReport> RunAsync(SimulationOptions options)
    {
        await using var system = await SimulationSystem.StartAsync();
        return await new CollectionSimulation(options, system).RunAsync();
    }

    private async Task<SimulationReport> RunAsync()
    {
        await AskAsync(new CreateCollection(EntityId, CollectionOperation.Caller));
        for (_step = 1; _step <= _options.Steps; _step++)
        {
            if (_random.NextDouble() < _options.FaultRate) await FaultAsync(SimulationFaults.Pick(_random));
            else await BatchAsync();
            if (_step % _options.CheckEvery == 0) await CheckAsync();
        }
        await CheckAsync();
        return new SimulationReport(_options.Seed, _acknowledged, _refused, _faults, _checks);
    }

    private async Task FaultAsync(SimulationFault fault)
    {
        _faults[fault.ToString()] = _faults.GetValueOrDefault(fault.ToString()) + 1;
        Note($"fault {fault}");
        var journal = _system.Journal;
        switch (fault)
        {
            case SimulationFault.WriteFails:
                await journal.OnWrite.Fail();
                await BatchAsync();
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.WriteRejected:
                await journal.OnWrite.Reject();
                await BatchAsync();
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.SlowWrite:
                await journal.OnWrite.PassWithDelay(TimeSpan.FromMilliseconds(30));
                await BatchAsync();
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.SnapshotFails:
                await _system.Snapshots.OnSave.Fail();
                await BatchAsync();
                await _system.Snapshots.OnSave.Pass();
                break;
            case SimulationFault.RecoveryFails:
                await PassivateAsync();
                await journal.OnRecovery.Fail();
                // The entity cannot start — unless its latest snapshot left no event to replay — and the read is lost
                // with it, as it would be in sharding; the next start recovers. An answer must be right all the same.
                var reply = await TryAskAsync(new CountDocuments(EntityId, new BsonDocument()), TimeSpan.FromSeconds(1));
                if (reply is Counted counted && counted.Total != _model.Count)
                    throw Violation($"an entity whose recovery was failing counted {counted.Total} documents, not {_model.Count}");
                if (reply is null) await AwaitStopAsync("after its recovery failed");
                await journal.OnRecovery.Pass();
                break;
            case SimulationFault.Passivation:
                await PassivateAsync();
                break;
        }
    }

    private async Task BatchAsync()
    {
        var operations = new List<CollectionOperation>();
        var count = _random.Next(1, _options.Concurrency + 1);
        while (operations.Count < count)
        {
            var operation = CollectionOperation.Random(_random, _options.Documents);
            if (operations.All(o => o.Id != operation.Id)) operations.Add(operation);
        }
        var replies = await Task.WhenAll(operations.Select(o => TryAskAsync(o.Command(EntityId), AskTimeout)));
        var failed = false;
        for (var i = 0; i < operations.Count; i++)
        {
            Note($"{operations[i]} → {replies[i]?.ToString() ?? "no answer"}");
            if (replies[i] is not { } reply) throw Violation($"{operations[i]} was never answered: the entity is wedged");
            if (operations[i].Answered(reply, _model) is { } violation) throw Violation(violation);
            if (reply is Failed { Code: Documents.ErrorCodes.SysErr }) failed = true;
            if (reply is Failed) _refused++;
            else _acknowledged++;
        }
        // A journal failure stops the entity once it has answered; wait for that, as sharding would restart it after.
        if (failed) await AwaitStopAsync("after a journal failure");
    }

    private async Task CheckAsync()
    {
        _checks++;
        Compare("the live state", await AllAsync());
        var past = new PastCollections(_system.System);
        var replayed = await past.AtAsync(EntityId, new PointInHistory(null, null), CancellationToken.None, fromSnapshot: false);
        Compare("a fresh replay of the journal", replayed.State.Documents.All().ToList());
        await PassivateAsync();
        Compare("the recovered state", await AllAsync());
    }

    private void Compare(string what, IReadOnlyList<BsonDocument> documents)
    {
        var differing = _model.Differences(documents);
        if (differing.Count > 0) throw Violation($"{what} differs from the model of acknowledged writes: {string.Join("; ", differing)}");
    }

    private async Task<IReadOnlyList<BsonDocument>> AllAsync() =>
        await AskAsync(new FindDocuments(EntityId, new BsonDocument(), null, 0, int.MaxValue)) is Found found
            ? found.Documents
            : throw Violation("a full read was refused");

    private async Task PassivateAsync()
    {
        _entity.Tell(EntityHost.Passivate.Instance);
        await AwaitStopAsync("when passivated");
    }

    private async Task AwaitStopAsync(string when)
    {
        if (!await _entity.Ask<bool>(new EntityHost.AwaitStop(TimeSpan.FromSeconds(5)), AskTimeout))
            throw Violation($"the entity did not stop {when}");
    }

    private async Task<ICollectionReply> AskAsync(ICollectionMessage message) =>
        await TryAskAsync(message, AskTimeout) ?? throw Violation($"{message} was never answered");

    private async Task<ICollectionReply?> TryAskAsync(ICollectionMessage message, TimeSpan timeout)
    {
        try
        {
            return await _entity.Ask<ICollectionReply>(message, timeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private void Note(string action)
    {
        _recent.Enqueue($"step {_step}: {action}");
        if (_recent.Count > 30) _recent.Dequeue();
    }

    private SimulationFailure Violation(string violation) => new(_options.Seed, _step, violation, _recent);
}
