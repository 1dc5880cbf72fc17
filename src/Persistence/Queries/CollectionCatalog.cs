using ActorCloud.Actors.Collections;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using static ActorCloud.Actors.Collections.CollectionEvents;

namespace ActorCloud.Persistence.Queries;

/// <summary>
/// Lists an environment's collections from the journal itself: the creations and drops tagged with the
/// environment's lifecycle tag, folded in journal order.
/// </summary>
public sealed class CollectionCatalog(ActorSystem system)
{
    private readonly SqlReadJournal _journal =
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    public async Task<IReadOnlyList<string>> ListAsync(string env, CancellationToken cancellationToken)
    {
        var prefix = CollectionActor.PersistenceIdOf(env + "/");
        var live = new SortedSet<string>(StringComparer.Ordinal);
        await _journal.CurrentEventsByTag(CollectionTags.Lifecycle(env), Offset.NoOffset())
            .RunForeach(envelope =>
            {
                if (!envelope.PersistenceId.StartsWith(prefix, StringComparison.Ordinal)) return;
                var name = envelope.PersistenceId[prefix.Length..];
                if (envelope.Event is CollectionCreated) live.Add(name);
                else if (envelope.Event is CollectionDropped) live.Remove(name);
            }, system.Materializer())
            .WaitAsync(cancellationToken);
        return live.ToArray();
    }
}
