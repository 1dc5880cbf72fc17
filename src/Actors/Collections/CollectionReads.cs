using ActorCloud.Actors.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Aggregation;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Indexes;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Sorting;
using ActorCloud.Documents.Storage;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;

namespace ActorCloud.Actors.Collections;

/// <summary>How a collection answers queries, over the live store or a published snapshot alike.</summary>
public static class CollectionReads
{
    public static ICollectionReply Answer(
        string collectionName, bool exists, Permission permission, IDocumentSource documents, IndexSet indexes, ICollectionRead query)
    {
        if (query is DescribeCollection) return new Described(exists, documents.Count, 0);
        if (query is GetPermission) return new PermissionReply(exists, permission);
        if (!exists) return NotExist(collectionName);
        if (query is DescribeIndexes)
            return new IndexesReply(true, [.. indexes.Trees.Select(t => new IndexInfo(IndexDefinition.Of(t.Spec), t.Count, t.IsMultikey))]);
        try
        {
            return query switch
            {
                FindDocuments f => new Found(QueryExecutor.Find(
                    documents, QueryFilter.Compile(f.Query), SortSpec.Parse(f.Order), f.Skip, f.Limit, indexes)),
                CountDocuments c => new Counted(QueryExecutor.Count(documents, QueryFilter.Compile(c.Query), indexes)),
                ExplainQuery e => Explain(documents, indexes, e),
                AggregateDocuments a => Aggregate(documents, indexes, a),
                _ => throw new ArgumentOutOfRangeException(nameof(query), query.GetType().Name),
            };
        }
        catch (DocumentException e)
        {
            return new Failed(e.Code, e.Message);
        }
    }

    /// <summary>Most documents a follower is sent at its start: one past what a watch may follow, so that it can refuse.</summary>
    public const int MaxFollowed = 5001;

    /// <summary>
    /// What a follower starts from (<see cref="FollowChanges"/>): the documents matching its query, at most
    /// <see cref="MaxFollowed"/>, plus those with the ids it holds that the query no longer matches.
    /// </summary>
    public static ICollectionReply Follow(bool exists, IDocumentSource documents, IndexSet indexes, FollowChanges follow, long sequenceNr, Akka.Actor.IActorRef entity)
    {
        if (!exists || follow.Query is null) return new Following(exists, sequenceNr, [], entity);
        try
        {
            var found = QueryExecutor.Matching(documents, QueryFilter.Compile(follow.Query), firstOnly: false, indexes).Take(MaxFollowed).ToList();
            var ids = new HashSet<MongoDB.Bson.BsonValue>(found.Select(d => d["_id"]));
            foreach (var id in follow.Held)
            {
                if (!ids.Contains(id) && documents.Find(id) is { } held) found.Add(held);
            }
            return new Following(true, sequenceNr, found, entity);
        }
        catch (DocumentException e)
        {
            return new Failed(e.Code, e.Message);
        }
    }

    public static Checksummed Checksum(bool exists, IDocumentSource documents, bool detail, long sequenceNr)
    {
        var bytes = documents.AllBytes();
        return new Checksummed(exists, sequenceNr, DocumentChecksum.Of(bytes),
            detail ? [.. bytes.Select(b => new DocumentDigest(BsonBytes.IdOf(b), DocumentChecksum.HashOf(b)))] : null);
    }

    /// <summary>The pipeline over the documents its leading <c>$match</c> selects (through an index when one fits), else over all.</summary>
    private static Found Aggregate(IDocumentSource documents, IndexSet indexes, AggregateDocuments query)
    {
        var pipeline = AggregationPipeline.Parse(query.Stages);
        var source = pipeline.LeadingFilter is { } leading
            ? QueryExecutor.Matching(documents, QueryFilter.Compile(leading), firstOnly: false, indexes)
            : documents.All();
        var context = new AggregationContext(name => query.Foreign.TryGetValue(name, out var foreign) ? foreign : [], Random.Shared);
        return new Found([.. pipeline.Run(source, context)]);
    }

    private static Explained Explain(IDocumentSource documents, IndexSet indexes, ExplainQuery query)
    {
        var explanation = QueryExecutor.Explain(
            documents, QueryFilter.Compile(query.Query), SortSpec.Parse(query.Order), query.Skip, query.Limit, indexes);
        return new Explained(explanation.Plan, explanation.Index, explanation.DocsExamined, explanation.Returned);
    }

    public static Failed NotExist(string collectionName) =>
        new(ErrorCodes.DatabaseCollectionNotExist, $"Db or Table not exist: {collectionName}");
}
