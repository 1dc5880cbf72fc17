using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Collections;
using ActorCloud.Documents;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// One write of a simulated workload on one document: the command the entity gets, and what its answer must be and
/// does to the <see cref="ReferenceModel"/>. A refusal for a fault (<c>SYS_ERR</c>) changes nothing; any answer the
/// model does not explain is a violation.
/// </summary>
public abstract record CollectionOperation(string Id)
{
    public static readonly Caller Caller = Caller.Admin("simulation");

    protected static BsonDocument ById(string id) => new("_id", id);

    public abstract ICollectionWrite Command(string entityId);

    /// <summary>Checks the answer against the model and applies an acknowledged write to it; a violation is returned, else null.</summary>
    public string? Answered(ICollectionReply reply, ReferenceModel model) => reply switch
    {
        Failed { Code: ErrorCodes.SysErr } => null,
        _ => Check(reply, model),
    };

    protected abstract string? Check(ICollectionReply reply, ReferenceModel model);

    /// <summary>
    /// Settles a write whose answer never came (lost while its shard moved): its document as it is now must show the
    /// write either made or not made; the model follows. Anything else is a violation, returned.
    /// </summary>
    public string? Resolve(BsonDocument? now, ReferenceModel model)
    {
        var notMade = model.Find(Id);
        var probe = model.Copy();
        var made = Check(Acknowledgement(model), probe) is null ? probe.Find(Id) : notMade;
        if (Same(now, made))
        {
            Check(Acknowledgement(model), model);
            return null;
        }
        return Same(now, notMade) ? null : $"{this} was never answered, and '{Id}' is now {now?.ToJson() ?? "absent"}: neither made nor not made";
    }

    /// <summary>The answer this write gets when it is made on the model's state.</summary>
    protected abstract ICollectionReply Acknowledgement(ReferenceModel model);

    private static bool Same(BsonDocument? a, BsonDocument? b) =>
        a is null || b is null ? a is null && b is null : ReferenceModel.CanonicalOf([a])[a["_id"].ToString()!] == ReferenceModel.CanonicalOf([b])[b["_id"].ToString()!];

    protected string Unexpected(ICollectionReply reply, ReferenceModel model) =>
        $"{this} was answered {reply} while the model {(model.Contains(Id) ? "holds" : "lacks")} '{Id}'";

    public sealed record Insert(string Id, BsonDocument Document) : CollectionOperation(Id)
    {
        public override ICollectionWrite Command(string entityId) =>
            new InsertDocuments(entityId, Caller, [new BsonDocument("_id", Id).AddRange(Document)], CreateIfMissing: true);

        protected override string? Check(ICollectionReply reply, ReferenceModel model)
        {
            switch (reply)
            {
                case Inserted when !model.Contains(Id):
                    model.Insert(Id, new BsonDocument("_id", Id).AddRange(Document));
                    return null;
                case Failed { Code: ErrorCodes.DatabaseRequestFailed } failed when model.Contains(Id) && failed.Message.Contains("duplicate key"):
                    return null;
                default:
                    return Unexpected(reply, model);
            }
        }

        protected override ICollectionReply Acknowledgement(ReferenceModel model) =>
            model.Contains(Id) ? new Failed(ErrorCodes.DatabaseRequestFailed, "duplicate key") : new Inserted([Id]);
    }

    public sealed record Replace(string Id, BsonDocument Replacement) : CollectionOperation(Id)
    {
        public override ICollectionWrite Command(string entityId) =>
            new ReplaceDocument(entityId, Caller, ById(Id), Replacement, Upsert: true, CreateIfMissing: true);

        protected override string? Check(ICollectionReply reply, ReferenceModel model)
        {
            if (reply is not CollectionReplies.Updated) return Unexpected(reply, model);
            model.Replace(Id, Replacement);
            return null;
        }

        protected override ICollectionReply Acknowledgement(ReferenceModel model) => new CollectionReplies.Updated(model.Contains(Id) ? 1 : 0, null);
    }

    public sealed record Increment(string Id) : CollectionOperation(Id)
    {
        public override ICollectionWrite Command(string entityId) =>
            new UpdateDocuments(entityId, Caller, ById(Id), new BsonDocument("$inc", new BsonDocument("n", 1)), Multi: false, Upsert: false, CreateIfMissing: true);

        protected override string? Check(ICollectionReply reply, ReferenceModel model)
        {
            if (reply is not CollectionReplies.Updated updated || updated.Count != (model.Contains(Id) ? 1 : 0)) return Unexpected(reply, model);
            if (updated.Count == 1) model.Increment(Id, "n", 1);
            return null;
        }

        protected override ICollectionReply Acknowledgement(ReferenceModel model) => new CollectionReplies.Updated(model.Contains(Id) ? 1 : 0, null);
    }

    public sealed record Remove(string Id) : CollectionOperation(Id)
    {
        public override ICollectionWrite Command(string entityId) => new RemoveDocuments(entityId, Caller, ById(Id), Multi: true, CreateIfMissing: true);

        protected override string? Check(ICollectionReply reply, ReferenceModel model)
        {
            if (reply is not Removed removed || removed.Count != (model.Contains(Id) ? 1 : 0)) return Unexpected(reply, model);
            model.Remove(Id);
            return null;
        }

        protected override ICollectionReply Acknowledgement(ReferenceModel model) => new Removed(model.Contains(Id) ? 1 : 0);
    }

    /// <summary>A random operation on a random document.</summary>
    public static CollectionOperation Random(Random random, int documents)
    {
        var id = $"d{random.Next(documents)}";
        var value = new BsonDocument { ["v"] = random.Next(1000), ["tag"] = $"t{random.Next(5)}" };
        return random.Next(4) switch
        {
            0 => new Insert(id, value),
            1 => new Replace(id, value),
            2 => new Increment(id),
            _ => new Remove(id),
        };
    }
}
