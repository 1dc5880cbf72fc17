using ActorCloud.Actors.Collections;
using ActorCloud.Persistence.Journal;
using ActorCloud.Persistence.Queries;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// A seeded random workload over several collections through an in-process cluster of <see cref="SimulationNode"/>s
/// on loopback sharing one SQLite journal, while nodes leave (handing their shards over) and new ones join (taking
/// shards in rebalancing). Each write goes through a random live node. A write whose answer was lost while its shard
/// moved is settled by reading its document: it must show the write made or not made. Every
/// <see cref="SimulationOptions.CheckEvery"/> steps and at the end, each collection's live state and a fresh replay of
/// its journal must equal its model; at the very end a new node alone recovers every collection from the journal, and
/// that must equal the models too.
/// </summary>
public sealed class ClusterSimulation
{
    private const int Collections = 6;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private const int ReadAttempts = 4;

    private readonly SimulationOptions _options;
    private readonly int _nodes;
    private readonly JournalOptions _journal;
    private readonly CollectionSettings _settings;
    private readonly Random _random;
    private readonly List<SimulationNode> _live = [];
    private readonly ReferenceModel[] _models = [.. Enumerable.Range(0, Collections).Select(_ => new ReferenceModel())];
    private readonly SimulationTrail _trail;

    private ClusterSimulation(SimulationOptions options, int nodes, string directory)
    {
        _options = options;
        _nodes = nodes;
        _random = new Random(options.Seed);
        _trail = new SimulationTrail(options.Seed);
        _settings = new CollectionSettings(options.SnapshotEvery);
        _journal = new JournalOptions(JournalProvider.Sqlite,
            $"Data Source={Path.Combine(directory, "journal.db")}", $"Data Source={Path.Combine(directory, "snapshots.db")}");
    }

    /// <param name="nodes">Most nodes up at once; at least two stay up.</param>
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, int nodes = 3)
    {
        var directory = Directory.CreateTempSubdirectory("actorcloud-simulation-").FullName;
        var simulation = new ClusterSimulation(options, nodes, directory);
        try
        {
            return await simulation.RunAsync();
        }
        finally
        {
            foreach (var node in simulation._live) await node.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string EntityId(int collection) => $"simulation/c{collection}";

    private async Task<SimulationReport> RunAsync()
    {
        _live.Add(await SimulationNode.StartAsync(_journal, _settings, seed: null));
        while (_live.Count < _nodes) _live.Add(await SimulationNode.StartAsync(_journal, _settings, _live[0].Address));
        for (var c = 0; c < Collections; c++)
        {
            if (await TryAskAsync(_live[0], new CreateCollection(EntityId(c), CollectionOperation.Caller)) is null)
                throw Violation($"creating c{c} was never answered");
        }
        for (_trail.Step = 1; _trail.Step <= _options.Steps; _trail.Step++)
        {
            if (_random.NextDouble() < _options.FaultRate) await MembershipChangeAsync();
            await BatchAsync();
            if (_trail.Step % _options.CheckEvery == 0) await CheckAsync(_live[0]);
        }
        await CheckAsync(_live[0]);
        await RecoverAloneAsync();
        return _trail.Report();
    }

    /// <summary>A node leaves (never the last two) or, below the most, a new one joins; shards rebalance.</summary>
    private async Task MembershipChangeAsync()
    {
        if (_live.Count > 2 && (_live.Count == _nodes || _random.Next(2) == 0))
        {
            var leaving = _live[_random.Next(_live.Count)];
            _live.Remove(leaving);
            _trail.Note("a node leaves");
            _trail.Count("NodeLeft");
            await leaving.DisposeAsync();
        }
        else
        {
            _trail.Note("a node joins");
            _trail.Count("NodeJoined");
            _live.Add(await SimulationNode.StartAsync(_journal, _settings, _live[0].Address));
        }
    }

    private async Task BatchAsync()
    {
        var writes = new List<(int Collection, CollectionOperation Operation, SimulationNode Via)>();
        var count = _random.Next(1, _options.Concurrency + 1);
        while (writes.Count < count)
        {
            var collection = _random.Next(Collections);
            var operation = CollectionOperation.Random(_random, _options.Documents);
            if (writes.All(w => w.Collection != collection || w.Operation.Id != operation.Id))
                writes.Add((collection, operation, _live[_random.Next(_live.Count)]));
        }
        var replies = await Task.WhenAll(writes.Select(w => TryAskAsync(w.Via, w.Operation.Command(EntityId(w.Collection)))));
        for (var i = 0; i < writes.Count; i++)
        {
            var (collection, operation, _) = writes[i];
            _trail.Note($"c{collection} {operation} → {replies[i]?.ToString() ?? "no answer"}");
            var violation = replies[i] is { } reply
                ? operation.Answered(reply, _models[collection])
                : operation.Resolve(await ReadAsync(collection, operation.Id), _models[collection]);
            if (violation is not null) throw Violation($"c{collection}: {violation}");
            if (replies[i] is null) _trail.Count("AnswerLost");
            else _trail.Answered(refused: replies[i] is Failed);
        }
    }

    private async Task<BsonDocument?> ReadAsync(int collection, string id)
    {
        var found = await AskAsync(_live[0], new FindDocuments(EntityId(collection), new BsonDocument("_id", id), null, 0, 1));
        return found is Found { Documents: [var document] } ? document : null;
    }

    private async Task CheckAsync(SimulationNode via)
    {
        _trail.Checked();
        var past = new PastCollections(via.System);
        for (var c = 0; c < Collections; c++)
        {
            var live = await AskAsync(via, new FindDocuments(EntityId(c), new BsonDocument(), null, 0, int.MaxValue));
            Compare(c, "the live state", live is Found found ? found.Documents : throw Violation($"c{c}: a full read was refused: {live}"));
            var replayed = await past.AtAsync(EntityId(c), new PointInHistory(null, null), CancellationToken.None, fromSnapshot: false);
            Compare(c, "a fresh replay of the journal", [.. replayed.State.Documents.All()]);
        }
    }

    /// <summary>Every node stops; a new one, alone, recovers each collection from the journal and its snapshots.</summary>
    private async Task RecoverAloneAsync()
    {
        foreach (var node in _live) await node.DisposeAsync();
        _live.Clear();
        _trail.Note("every node stopped; a new node starts alone");
        _live.Add(await SimulationNode.StartAsync(_journal, _settings, seed: null));
        await CheckAsync(_live[0]);
    }

    private void Compare(int collection, string what, IReadOnlyList<BsonDocument> documents)
    {
        var differing = _models[collection].Differences(documents);
        if (differing.Count > 0) throw Violation($"c{collection}: {what} differs from the model: {string.Join("; ", differing)}");
    }

    /// <summary>
    /// A read, asked again while unanswered (as the gateway hedges reads): sharding delivers at most once, and a message
    /// caught by a shard's move is dropped. Being served late is not a violation; answering wrongly is.
    /// </summary>
    private async Task<ICollectionReply> AskAsync(SimulationNode via, ICollectionRead read)
    {
        for (var attempt = 0; attempt < ReadAttempts; attempt++)
            if (await TryAskAsync(via, read) is { } reply) return reply;
        throw Violation($"{read} was never answered in {ReadAttempts} attempts of {AskTimeout.TotalSeconds} s");
    }

    private static Task<ICollectionReply?> TryAskAsync(SimulationNode via, ICollectionMessage message) =>
        via.Region.OrNullAsync<ICollectionReply>(message, AskTimeout);

    private SimulationFailure Violation(string violation) => _trail.Violation(violation);
}
