using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Permissions;
using ActorCloud.Api.History;
using ActorCloud.Api.Hosting;
using ActorCloud.Api.Permissions;
using ActorCloud.Documents;
using ActorCloud.Documents.Aggregation;
using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Projections;
using ActorCloud.Documents.Query;
using ActorCloud.Documents.Rules;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>
/// The <c>database.*</c> actions of the admin protocol (cloudbase-protocol.md §3.6): request fields in,
/// CloudBase's reply shapes out. Parsing and validation happen here, on the request's thread; the collection
/// entity only decides and applies.
/// </summary>
public sealed class DatabaseActions(
    CollectionClient collections, TransactionClient transactions, CollectionAccess access, PastReads past, IOptions<ActorCloudOptions> options)
{
    /// <summary>Server-side (admin) defaults: 100 documents by default, at most 1 000 (the SDK clamps the same way).</summary>
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>End users' default and cap alike (protocol notes §4.2, behaviour 7), whatever their SDK asks.</summary>
    public const int ClientLimit = 20;

    /// <summary>Only admins create collections, also implicitly.</summary>
    private bool CreateOnFirstWrite(ActionContext context) => context.User is null && options.Value.Collections.CreateOnFirstWrite;

    public async Task<GatewayReply> InsertAsync(ActionContext context)
    {
        var id = CollectionId(context);
        var (documents, single) = context.Dialect.Inserted(context.Request);
        if (context.User is { } user) documents = await access.ForInsertAsync(user, id, documents, context.Cancellation);
        var inserted = TransactionClient.EntityIdOf(context) is { } transaction
            ? await transactions.AskAsync<Inserted>(new TxInsert(transaction, id, documents), context.Cancellation)
            : await collections.AskAsync<Inserted>(new InsertDocuments(id, context.Caller, documents, CreateOnFirstWrite(context)), context.Cancellation);
        return new GatewayReply(w =>
        {
            if (single)
            {
                w.WritePropertyName("_id");
                IdJson.Write(w, inserted.Ids[0]);
                return;
            }
            w.WriteStartArray("insertedIds");
            foreach (var insertedId in inserted.Ids) IdJson.Write(w, insertedId);
            w.WriteEndArray();
        });
    }

    public async Task<GatewayReply> GetAsync(ActionContext context)
    {
        var request = context.Request;
        var id = CollectionId(context);
        var query = await FilterAsync(context, id, RuleOperation.Read, Query(context));
        var order = context.Dialect.Order(request);
        var projection = ResultProjection.Compile(context.Dialect.Document(request, "projection"), query);
        var (offset, limit) = PageOf(context);
        if (IsDocQuery(request)) limit = 1;
        var found = TransactionClient.EntityIdOf(context) is { } transaction
            ? await transactions.AskAsync<Found>(new TxFind(transaction, id, query, order, offset, limit), context.Cancellation)
            : await ReadAsync<Found>(context, new FindDocuments(id, query, order, offset, limit), IsPointLookup(query));
        return new GatewayReply(
            w =>
            {
                w.WriteStartArray("list");
                foreach (var document in found.Documents) context.Dialect.WriteDocument(w, projection.Apply(document));
                w.WriteEndArray();
            },
            w =>
            {
                w.WriteNumber("limit", limit);
                w.WriteNumber("offset", offset);
            });
    }

    /// <summary>
    /// <c>actorcloud.explainQuery</c> (admin): how a <c>getDocument</c> with the same <c>query</c>, <c>order</c>,
    /// <c>offset</c> and <c>limit</c> would run — its plan, the index it uses, the documents it reads and returns.
    /// </summary>
    public async Task<GatewayReply> ExplainAsync(ActionContext context)
    {
        var request = context.Request;
        var (offset, limit) = PageOf(context);
        var explained = await collections.ReadAsync<Explained>(
            new ExplainQuery(CollectionId(context), Query(context), context.Dialect.Order(request), offset, limit), false, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteString("plan", explained.Plan);
            w.WriteString("index", explained.Index);
            w.WriteNumber("docsExamined", explained.DocsExamined);
            w.WriteNumber("returned", explained.Returned);
        });
    }

    public async Task<GatewayReply> CountAsync(ActionContext context)
    {
        var id = CollectionId(context);
        var query = await FilterAsync(context, id, RuleOperation.Read, Query(context));
        var counted = await ReadAsync<Counted>(context, new CountDocuments(id, query), IsPointLookup(query));
        return new GatewayReply(w => w.WriteNumber("total", counted.Total));
    }

    public async Task<GatewayReply> ModifyAsync(ActionContext context)
    {
        var request = context.Request;
        var id = CollectionId(context);
        var data = context.Dialect.RequiredDocument(request, "data");
        var upsert = request.Bool("upsert", false);
        var merge = request.Bool("merge", true);
        var update = merge ? AsOperators(data) : data;
        if (context.User is { } user)
        {
            if (merge && upsert)
                throw new GatewayError(ErrorCodes.InvalidParam, "an end user's update cannot upsert; use doc(id).set() to create a document");
            if (merge) OpenidGuard.CheckUpdate(update);
            else OpenidGuard.CheckReplacement(update, user.Openid);
        }
        var given = Query(context);
        var query = await FilterAsync(context, id, RuleOperation.Update, given, merge ? RequestData.OfUpdate(update) : update);
        var mayCreate = context.User is not { } creator || !upsert || await access.MayCreateAsync(creator, id, WithIdOf(given, update), context.Cancellation);
        ICollectionWrite command = merge
            ? new UpdateDocuments(id, context.Caller, query, update, request.Bool("multi", false), upsert, CreateOnFirstWrite(context))
            : new ReplaceDocument(id, context.Caller, query, update, upsert, CreateOnFirstWrite(context), context.User?.Openid, mayCreate);
        var updated = TransactionClient.EntityIdOf(context) is { } transaction
            ? await transactions.AskAsync<CollectionReplies.Updated>(merge
                ? new TxUpdate(transaction, id, query, update, request.Bool("multi", false), upsert)
                : new TxReplace(transaction, id, query, update, upsert), context.Cancellation)
            : await collections.AskAsync<CollectionReplies.Updated>(command, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteNumber("updated", updated.Count);
            // The web SDK reads a set()'s new id as upserted_id, everyone else upsert_id.
            w.WritePropertyName(!merge && context.Dialect == DatabaseDialect.Client ? "upserted_id" : "upsert_id");
            if (updated.UpsertedId is null) w.WriteNullValue();
            else IdJson.Write(w, updated.UpsertedId);
        });
    }

    public async Task<GatewayReply> ModifyAndReturnAsync(ActionContext context)
    {
        var request = context.Request;
        var command = new CollectionCommands.UpdateAndReturn(
            CollectionId(context), context.Caller, Query(context), AsOperators(request.RequiredEjson("data")), CreateOnFirstWrite(context));
        var result = await collections.AskAsync<UpdatedAndReturned>(command, context.Cancellation);
        return new GatewayReply(w =>
        {
            w.WriteNumber("updated", result.Count);
            if (result.Document is null) w.WriteNull("doc");
            else w.WriteString("doc", Ejson.ToCanonical(result.Document));
        });
    }

    public async Task<GatewayReply> RemoveAsync(ActionContext context)
    {
        var request = context.Request;
        var id = CollectionId(context);
        var query = await FilterAsync(context, id, RuleOperation.Delete, Query(context));
        var multi = request.Bool("multi", true);
        var removed = TransactionClient.EntityIdOf(context) is { } transaction
            ? await transactions.AskAsync<Removed>(new TxRemove(transaction, id, query, multi), context.Cancellation)
            : await collections.AskAsync<Removed>(new RemoveDocuments(id, context.Caller, query, multi, CreateOnFirstWrite(context)), context.Cancellation);
        return new GatewayReply(w => w.WriteNumber("deleted", removed.Count));
    }

    /// <summary>
    /// <c>database.aggregateDocuments</c> (admin) and the web SDK's <c>database.aggregate</c>: the pipeline is checked
    /// here, an end user's read permission is put in front of it (and on every collection its <c>$lookup</c>s read),
    /// and CloudBase's result limits are added — 20 documents without a <c>$limit</c>, never more than 10 000.
    /// </summary>
    public async Task<GatewayReply> AggregateAsync(ActionContext context)
    {
        var id = CollectionId(context);
        var stages = context.Dialect.Stages(context.Request).ToList();
        var pipeline = AggregationPipeline.Parse(stages);
        if (context.User is { } user)
            stages = RestrictedTo(await access.FilterAsync(user, id, RuleOperation.Read, pipeline.LeadingFilter ?? [], null, context.Cancellation), stages);
        if (!pipeline.HasLimit) stages.Add(new BsonDocument("$limit", DefaultAggregateLimit));
        stages.Add(new BsonDocument("$limit", MaxAggregateResults));
        var foreign = new Dictionary<string, IReadOnlyList<BsonDocument>>(StringComparer.Ordinal);
        foreach (var name in pipeline.LookupCollections) foreign[name] = await LookupSourceAsync(context, name);
        var found = await ReadAsync<Found>(context, new AggregateDocuments(id, stages, foreign), pointLookup: false);
        return new GatewayReply(w => context.Dialect.WriteAggregateList(w, found.Documents));
    }

    /// <summary>CloudBase's aggregate answers 20 documents when the pipeline has no <c>$limit</c>, for admins too.</summary>
    public const int DefaultAggregateLimit = 20;

    /// <summary>CloudBase returns at most 10 000 aggregate results, whatever the pipeline's <c>$limit</c>.</summary>
    public const int MaxAggregateResults = 10_000;

    /// <summary>How many documents one <c>$lookup</c> may read from its foreign collection.</summary>
    public const int MaxLookupDocuments = 100_000;

    /// <summary>The permission's filter as the pipeline's first <c>$match</c>, or inside the <c>$geoNear</c> that must stay first.</summary>
    private static List<BsonDocument> RestrictedTo(BsonDocument filter, List<BsonDocument> stages)
    {
        if (stages[0].GetElement(0) is { Name: "$geoNear", Value: BsonDocument geoNear })
        {
            var restricted = geoNear.DeepClone().AsBsonDocument;
            restricted["query"] = filter;
            return [new BsonDocument("$geoNear", restricted), .. stages.Skip(1)];
        }
        return [new BsonDocument("$match", filter), .. stages];
    }

    /// <summary>A <c>$lookup</c>'s foreign documents, as the caller may read them; a missing collection is empty, as in MongoDB.</summary>
    private async Task<IReadOnlyList<BsonDocument>> LookupSourceAsync(ActionContext context, string collection)
    {
        var id = CollectionClient.EntityId(context.Env, collection);
        try
        {
            var filter = await FilterAsync(context, id, RuleOperation.Read, []);
            var found = await collections.ReadAsync<Found>(new FindDocuments(id, filter, null, 0, MaxLookupDocuments + 1), false, context.Cancellation);
            return found.Documents.Count <= MaxLookupDocuments
                ? found.Documents
                : throw new GatewayError(ErrorCodes.DatabaseRequestFailed,
                    $"$lookup from '{collection}' would read more than {MaxLookupDocuments} documents; narrow it with a pipeline $match");
        }
        catch (GatewayError e) when (e.Code == ErrorCodes.DatabaseCollectionNotExist)
        {
            return [];
        }
    }

    public async Task<GatewayReply> AddCollectionAsync(ActionContext context)
    {
        await collections.AskAsync<Done>(new CreateCollection(CollectionId(context), context.Caller), context.Cancellation);
        return GatewayReply.Empty;
    }

    /// <summary>A live read, or one as of a past point when the request names one (<see cref="PastReads"/>).</summary>
    private Task<T> ReadAsync<T>(ActionContext context, ICollectionRead read, bool pointLookup) where T : ICollectionReply =>
        PastReads.PointOf(context.Request) is { } point
            ? past.AnswerAsync<T>(context, read, point)
            : collections.ReadAsync<T>(read, pointLookup, context.Cancellation);

    /// <summary>The page a query asks for, with the caller's default and cap (admin 100 / 1 000, end users 20 / 20).</summary>
    private static (int Offset, int Limit) PageOf(ActionContext context)
    {
        var offset = context.Request.Int("offset", 0, int.MaxValue) ?? 0;
        var (fallback, cap) = context.User is null ? (DefaultLimit, MaxLimit) : (ClientLimit, ClientLimit);
        return (offset, Math.Min(context.Request.Int("limit", 0, int.MaxValue) is { } l and > 0 ? l : fallback, cap));
    }

    /// <summary>The document a <c>set</c> would insert: the replacement with the query's <c>_id</c>.</summary>
    private static BsonDocument WithIdOf(BsonDocument query, BsonDocument replacement) =>
        query.TryGetValue("_id", out var id) && !replacement.Contains("_id")
            ? new BsonDocument("_id", id).AddRange(replacement.Elements)
            : replacement;

    /// <summary>An end user's filter under the collection's permission; an admin's as given.</summary>
    private Task<BsonDocument> FilterAsync(ActionContext context, string id, RuleOperation operation, BsonDocument query, BsonDocument? data = null) =>
        context.User is { } user ? access.FilterAsync(user, id, operation, query, data, context.Cancellation) : Task.FromResult(query);

    private static string CollectionId(ActionContext context) =>
        CollectionClient.EntityId(context.Env, context.Request.RequiredString("collectionName"));

    /// <summary>
    /// The filter; <c>queryType: "DOC"</c> must name the document by <c>_id</c>. A <c>db.serverDate()</c> in it means
    /// the server's time now, as in a write (CloudBase documents it for query conditions too).
    /// </summary>
    private static BsonDocument Query(ActionContext context)
    {
        var request = context.Request;
        var query = ServerDate.Resolve(context.Dialect.Document(request, "query", new BsonDocument())!, DateTime.UtcNow);
        if (IsDocQuery(request) && !query.Contains("_id"))
            throw new GatewayError(ErrorCodes.InvalidParam, "queryType DOC needs a query of the form {_id: …}");
        return query;
    }

    /// <summary>Compiling here also refuses a bad filter before it reaches any entity.</summary>
    private static bool IsPointLookup(BsonDocument query) => QueryFilter.Compile(query).IdEquality is not null;

    private static bool IsDocQuery(GatewayRequest request) => (request.OptionalString("queryType") ?? "WHERE") switch
    {
        "WHERE" => false,
        "DOC" => true,
        var other => throw new GatewayError(ErrorCodes.InvalidParam, $"queryType must be WHERE or DOC, not '{other}'"),
    };

    /// <summary>With <c>merge</c>, plain fields mean <c>$set</c> (the SDK always sends operators; raw callers may not).</summary>
    private static BsonDocument AsOperators(BsonDocument data) =>
        data.ElementCount > 0 && data.Names.All(n => !n.StartsWith('$')) ? new BsonDocument("$set", data) : data;
}
