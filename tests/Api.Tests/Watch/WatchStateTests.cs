using ActorCloud.Actors.Collections;
using ActorCloud.Api.Watch;
using ActorCloud.Documents.Query;
using MongoDB.Bson;

namespace ActorCloud.Api.Tests.Watch;

/// <summary>
/// The event mapping of protocol notes §3.9.1, one write a line: the watch (query, order, limit, documents), the change
/// (kind, document before, after) and the events it must produce as <c>dataType/queueType/id</c>, in emission order.
/// </summary>
public sealed class WatchStateTests
{
    private const string Ab = "[{_id: 'a', n: 1}, {_id: 'b', n: 2}]";
    private const string Abc = "[{_id: 'a', n: 1}, {_id: 'b', n: 2}, {_id: 'c', n: 3}]";

    [Theory]
    // No limit: membership is "matches the query".
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "insert", null, "{_id: 'c', n: 3}", "add/enqueue/c")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "insert", null, "{_id: 'c', n: 0}", "")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "update", "{_id: 'a', n: 1}", "{_id: 'a', n: 5}", "update/update/a")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "update", "{_id: 'c', n: 0}", "{_id: 'c', n: 3}", "update/enqueue/c")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "update", "{_id: 'a', n: 1}", "{_id: 'a', n: 0}", "update/dequeue/a")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "update", "{_id: 'c', n: 0}", "{_id: 'c', n: -1}", "")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "update", "{_id: 'a', n: 1}", "{_id: 'a', n: 1}", "")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "replace", "{_id: 'a', n: 1}", "{_id: 'a', n: 4, x: 1}", "replace/update/a")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "replace", "{_id: 'c', n: 0}", "{_id: 'c', n: 4}", "replace/enqueue/c")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "replace", "{_id: 'b', n: 2}", "{_id: 'b'}", "replace/dequeue/b")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "remove", "{_id: 'a', n: 1}", null, "remove/dequeue/a")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "remove", "{_id: 'c', n: 0}", null, "")]
    [InlineData("{n: {$gte: 1}}", "{}", 0, Ab, "drop", null, null, "remove/dequeue/a remove/dequeue/b")]
    // A limit window (orderBy n ascending, first 2): documents pushed out of or pulled into it are limit events.
    [InlineData("{}", "{n: 1}", 2, Abc, "insert", null, "{_id: 'd', n: 0}", "limit/dequeue/b add/enqueue/d")]
    [InlineData("{}", "{n: 1}", 2, Abc, "insert", null, "{_id: 'd', n: 5}", "")]
    [InlineData("{}", "{n: 1}", 2, Abc, "remove", "{_id: 'a', n: 1}", null, "remove/dequeue/a limit/enqueue/c")]
    [InlineData("{}", "{n: 1}", 2, Abc, "remove", "{_id: 'c', n: 3}", null, "")]
    [InlineData("{}", "{n: 1}", 2, Abc, "update", "{_id: 'c', n: 3}", "{_id: 'c', n: 0}", "limit/dequeue/b update/enqueue/c")]
    [InlineData("{}", "{n: 1}", 2, Abc, "update", "{_id: 'a', n: 1}", "{_id: 'a', n: 9}", "update/dequeue/a limit/enqueue/c")]
    [InlineData("{}", "{n: 1}", 2, Abc, "update", "{_id: 'b', n: 2}", "{_id: 'b', n: 0}", "update/update/b")]
    [InlineData("{}", "{n: 1}", 2, Abc, "update", "{_id: 'c', n: 3}", "{_id: 'c', n: 7}", "")]
    [InlineData("{}", "{n: 1}", 2, Abc, "replace", "{_id: 'c', n: 3}", "{_id: 'c', n: 1}", "limit/dequeue/b replace/enqueue/c")]
    [InlineData("{n: {$gte: 0}}", "{n: 1}", 2, Abc, "update", "{_id: 'a', n: 1}", "{_id: 'a', n: -1}", "update/dequeue/a limit/enqueue/c")]
    [InlineData("{}", "{n: 1}", 2, Abc, "drop", null, null, "remove/dequeue/a remove/dequeue/b")]
    // Ties in the order are broken by _id, so the window edge is well defined.
    [InlineData("{}", "{g: 1}", 1, "[{_id: 'b', g: 1}, {_id: 'a', g: 1}]", "remove", "{_id: 'a', g: 1}", null, "remove/dequeue/a limit/enqueue/b")]
    // Without orderBy a window keeps the first documents by _id descending (CloudBase's default).
    [InlineData("{}", "{}", 2, Abc, "insert", null, "{_id: 'z'}", "limit/dequeue/b add/enqueue/z")]
    [InlineData("{}", "{}", 2, Abc, "insert", null, "{_id: '0'}", "")]
    public void Maps_one_write_to_its_events(
        string query, string order, int limit, string documents, string kind, string? before, string? after, string expected)
    {
        var state = State(query, order, limit == 0 ? null : limit, documents);
        var change = new DocumentChange(Kind(kind), (before ?? after) is { } any ? Doc(any)["_id"] : null,
            before is null ? null : Doc(before), after is null ? null : Doc(after));

        Assert.Equal(expected, Describe(state.Apply([change])));
    }

    [Fact]
    public void The_initial_result_set_is_in_the_watch_order_and_cut_to_the_limit()
    {
        Assert.Equal("c b a", Ids(State("{}", "{}", null, Abc).Visible));
        Assert.Equal("a b", Ids(State("{}", "{n: 1}", 2, Abc).Visible));
        Assert.Equal("a b", Ids(State("{}", "{g: -1}", null, "[{_id: 'b', g: 1}, {_id: 'a', g: 1}]").Visible));
        Assert.Equal("", Ids(State("{n: 99}", "{}", null, Abc).Visible));
    }

    [Fact]
    public void One_write_of_several_documents_is_one_list_of_events()
    {
        var state = State("{n: {$gte: 1}}", "{}", null, Ab);
        var events = state.Apply(
        [
            new(ChangeKind.Insert, "d", null, Doc("{_id: 'd', n: 4}")),
            new(ChangeKind.Insert, "c", null, Doc("{_id: 'c', n: 3}")),
            new(ChangeKind.Update, "a", Doc("{_id: 'a', n: 1}"), Doc("{_id: 'a', n: 7}")),
            new(ChangeKind.Remove, "b", Doc("{_id: 'b', n: 2}"), null),
        ]);
        Assert.Equal("remove/dequeue/b update/update/a add/enqueue/d add/enqueue/c", Describe(events));
    }

    [Theory]
    [InlineData("insert", "update", "add/enqueue/c")]
    [InlineData("insert", "remove", "")]
    [InlineData("update", "remove", "remove/dequeue/a")]
    [InlineData("remove", "insert", "replace/update/a")]
    [InlineData("update", "replace", "replace/update/a")]
    public void Several_changes_of_one_document_in_one_write_are_one_event(string first, string second, string expected)
    {
        var state = State("{}", "{}", null, "[{_id: 'a', n: 1}]");
        var id = first == "insert" ? "c" : "a";
        var events = state.Apply(
        [
            new(Kind(first), id, first == "insert" ? null : Doc($"{{_id: '{id}', n: 1}}"), first == "remove" ? null : Doc($"{{_id: '{id}', n: 2}}")),
            new(Kind(second), id, second == "insert" ? null : Doc($"{{_id: '{id}', n: 2}}"), second == "remove" ? null : Doc($"{{_id: '{id}', n: 3}}")),
        ]);
        Assert.Equal(expected, Describe(events));
    }

    [Fact]
    public void Events_carry_the_whole_document_and_what_an_update_changed()
    {
        var state = State("{}", "{}", null, "[{_id: 'a', n: 1, o: {x: 1, y: 2}, gone: true}]");
        var update = Assert.Single(state.Apply([new(ChangeKind.Update, "a",
            Doc("{_id: 'a', n: 1, o: {x: 1, y: 2}, gone: true}"),
            Doc("{_id: 'a', n: 2, o: {x: 1, z: 3}, at: {$date: {$numberLong: '1700000000123'}}}"))]));
        Assert.Equal("""{"_id":"a","n":2,"o":{"x":1,"z":3},"at":{"$date":1700000000123}}""", update.Doc);
        Assert.Equal("""{"n":2,"o.z":3,"at":{"$date":1700000000123}}""", update.UpdatedFields);
        Assert.Equal("""["o.y","gone"]""", update.RemovedFields);

        var removal = Assert.Single(state.Apply([new(ChangeKind.Remove, "a", Doc("{_id: 'a'}"), null)]));
        Assert.Null(removal.Doc);
        Assert.Null(removal.UpdatedFields);
    }

    [Fact]
    public void A_watch_over_more_than_5000_documents_is_refused_at_the_start_and_when_it_grows_past_the_cap()
    {
        var many = Enumerable.Range(0, WatchState.MaxDocuments + 1).Select(i => new BsonDocument { { "_id", i }, { "n", i } }).ToList();
        var refused = Assert.Throws<WatchError>(() => new WatchState(QueryFilter.MatchAll, [], 10, many));
        Assert.Equal(WatchError.SysErr, refused.Code);
        Assert.Contains("more than 5000", refused.Message);

        var full = new WatchState(QueryFilter.MatchAll, [], null, many.Take(WatchState.MaxDocuments));
        Assert.Throws<WatchError>(() => full.Apply([new(ChangeKind.Insert, -1, null, new BsonDocument("_id", -1))]));
    }

    private static WatchState State(string query, string order, int? limit, string documents) =>
        new(QueryFilter.Compile(Doc(query)), Doc(order), limit,
            BsonDocument.Parse($"{{d: {documents}}}")["d"].AsBsonArray.Select(v => v.AsBsonDocument));

    private static BsonDocument Doc(string json) => BsonDocument.Parse(json);

    private static ChangeKind Kind(string name) => name switch
    {
        "insert" => ChangeKind.Insert,
        "update" => ChangeKind.Update,
        "replace" => ChangeKind.Replace,
        "remove" => ChangeKind.Remove,
        _ => ChangeKind.Drop,
    };

    private static string Describe(IEnumerable<WatchEvent> events) =>
        string.Join(" ", events.Select(e => $"{e.DataType}/{e.QueueType}/{e.DocId}"));

    private static string Ids(IEnumerable<BsonDocument> documents) => string.Join(" ", documents.Select(d => d["_id"].ToString()));
}
