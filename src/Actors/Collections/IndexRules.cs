using ActorCloud.Documents;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Storage;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionEvents;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>
/// Declaring and dropping indexes. Every index of a command is checked against the documents (and the command's other
/// indexes) before any event is returned, so a command creates all its indexes or none — a unique index over existing
/// duplicates is refused and nothing changes.
/// </summary>
internal static class IndexRules
{
    public static Decision Create(DocumentStore store, IndexSet indexes, CreateIndexes command, DateTime now, string collection)
    {
        if (command.Indexes.Count == 0) throw DocumentException.InvalidParam("CreateIndexes needs at least one index");
        var trial = indexes.Snapshot();
        var events = new List<ICollectionEvent>();
        foreach (var definition in command.Indexes)
        {
            var spec = definition.ToSpec();
            var existed = trial.Find(spec.Name) is not null;
            trial.CheckNew(spec, store.Views(), collection);
            if (existed) continue;
            trial.Create(spec, []);
            events.Add(new IndexCreated(command.Caller, now, IndexDefinition.Of(spec)));
        }
        return new Decision(events, Done.Instance);
    }

    public static Decision Drop(IndexSet indexes, DropIndexes command, DateTime now)
    {
        if (command.Names.Count == 0) throw DocumentException.InvalidParam("DropIndexes needs at least one index name");
        foreach (var name in command.Names)
        {
            if (name == IndexSpec.IdIndexName) throw DocumentException.InvalidParam("the _id index cannot be dropped");
            if (indexes.Find(name) is null) throw DocumentException.RequestFailed($"index not found with name [{name}]");
        }
        return new Decision([.. command.Names.Distinct().Select(name => new IndexDropped(command.Caller, now, name))], Done.Instance);
    }
}
