using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Functions;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Functions.FunctionEvents;

namespace ActorCloud.Persistence.Queries;

/// <summary>
/// Lists an environment's collections or functions from the journal itself: the creations and deletions tagged
/// with the environment's list tag, folded in journal order — no second registry that could disagree.
/// </summary>
public sealed class EntityCatalog(ActorSystem system)
{
    private readonly SqlReadJournal _journal =
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    public Task<IReadOnlyList<string>> ListCollectionsAsync(string env, CancellationToken cancellationToken) =>
        ListAsync(CollectionTags.Lifecycle(env), CollectionActor.PersistenceIdOf(env + "/"),
            e => e switch { CollectionCreated => true, CollectionDropped => false, _ => null }, cancellationToken);

    public Task<IReadOnlyList<string>> ListFunctionsAsync(string env, CancellationToken cancellationToken) =>
        ListAsync(FunctionTags.Functions(env), FunctionActor.PersistenceIdOf(env + "/"),
            e => e switch { FunctionDeployed or FunctionConfigured => true, FunctionDeleted => false, _ => null }, cancellationToken);

    /// <summary>Folds the tag's events: <paramref name="exists"/> says whether an event creates (true) or deletes (false).</summary>
    private async Task<IReadOnlyList<string>> ListAsync(
        string tag, string prefix, Func<object, bool?> exists, CancellationToken cancellationToken)
    {
        var live = new SortedSet<string>(StringComparer.Ordinal);
        await _journal.CurrentEventsByTag(tag, Offset.NoOffset())
            .RunForeach(envelope =>
            {
                if (!envelope.PersistenceId.StartsWith(prefix, StringComparison.Ordinal)) return;
                var name = envelope.PersistenceId[prefix.Length..];
                switch (exists(envelope.Event))
                {
                    case true: live.Add(name); break;
                    case false: live.Remove(name); break;
                }
            }, system.Materializer())
            .WaitAsync(cancellationToken);
        return live.ToArray();
    }
}
