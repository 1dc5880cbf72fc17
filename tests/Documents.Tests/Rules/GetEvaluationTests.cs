using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>
/// get(): the evaluator asks for the documents it lacks (all it can name in one pass), the caller loads them and
/// asks again. Fetched entries are written <c>database.&lt;collection&gt;.&lt;id&gt;={…}</c>, <c>null</c> for a missing document.
/// </summary>
public sealed class GetEvaluationTests
{
    private const string RoomOwner = "get('database.rooms.' + doc.roomId).owner == auth.openid";
    private const string RoomAdmin = "get('database.users.' + get('database.rooms.' + doc.roomId).owner).role == 'admin'";

    [Theory]
    // a create: doc is concrete
    [InlineData(RoomOwner, "{roomId:'r1'}", "", "needs database.rooms.r1")]
    [InlineData(RoomOwner, "{roomId:'r1'}", "database.rooms.r1={owner:'me'}", "allow")]
    [InlineData(RoomOwner, "{roomId:'r1'}", "database.rooms.r1={owner:'other'}", "deny")]
    [InlineData(RoomOwner, "{roomId:'r1'}", "database.rooms.r1=null", "deny")]
    [InlineData(RoomOwner, "{roomId:'r1'}", "database.rooms.r2={owner:'me'}", "needs database.rooms.r1")]
    [InlineData(RoomOwner, "{roomId:12}", "", "needs database.rooms.12")]
    [InlineData(RoomOwner, "{}", "", "deny")]
    [InlineData("get('database.rooms.r1') == null", "{}", "database.rooms.r1=null", "allow")]
    [InlineData("get('database.my.rooms.r1').owner == auth.openid", "{}", "database.my.rooms.r1={owner:'me'}", "allow")]
    // nesting: one level per pass
    [InlineData(RoomAdmin, "{roomId:'r1'}", "", "needs database.rooms.r1")]
    [InlineData(RoomAdmin, "{roomId:'r1'}", "database.rooms.r1={owner:'u1'}", "needs database.users.u1")]
    [InlineData(RoomAdmin, "{roomId:'r1'}", "database.rooms.r1={owner:'u1'};database.users.u1={role:'admin'}", "allow")]
    [InlineData(RoomAdmin, "{roomId:'r1'}", "database.rooms.r1={owner:'u1'};database.users.u1={role:'guest'}", "deny")]
    [InlineData(RoomAdmin, "{roomId:'r1'}", "database.rooms.r1={owner:'u1'};database.users.u1=null", "deny")]
    [InlineData(RoomAdmin, "{roomId:'r1'}", "database.rooms.r1={}", "deny")]
    // every document one pass can name, once each; short-circuits ask for nothing
    [InlineData("get('database.a.b').x == 1 && get('database.a.c').x == 1", "{}", "", "needs database.a.b,database.a.c")]
    [InlineData("get('database.a.b').x == 1 || get('database.a.b').y == 1", "{}", "", "needs database.a.b")]
    [InlineData("get('database.a.b').x == 1 && get('database.a.c').x == 1", "{}", "database.a.b={x:2}", "deny")]
    [InlineData("get('database.a.b').x == 1 || get('database.a.c').x == 1", "{}", "database.a.b={x:1}", "allow")]
    [InlineData("get('database.a.b').x == 1 || get('database.a.c').x == 1", "{}", "database.a.b={x:2}", "needs database.a.c")]
    [InlineData("true || get('database.a.b').x == 1", "{}", "", "allow")]
    [InlineData("false && get('database.a.b').x == 1", "{}", "", "deny")]
    [InlineData("auth.openid == 'me' || get('database.a.b').x == 1", "{}", "", "allow")]
    [InlineData("doc.n > 1 && get('database.a.b').x == 1", "{n:0}", "", "deny")]
    [InlineData("!(get('database.a.b').x == 1)", "{}", "", "needs database.a.b")]
    [InlineData("!(get('database.a.b').x == 1)", "{}", "database.a.b={x:2}", "allow")]
    [InlineData("get('database.a.b').x in [1, 2]", "{}", "database.a.b={x:2}", "allow")]
    [InlineData("get('database.a.b').tags[0] == doc.t", "{t:'x'}", "database.a.b={tags:['x']}", "allow")]
    // bad paths computed at run time
    [InlineData("get('database.' + doc.c).x == 1", "{c:'nodot'}", "", "deny")]
    [InlineData("get('database.a.' + doc.c).x == 1", "{c:'x\\u0001'}", "", "deny")]
    [InlineData("get(doc.path).x == 1", "{path:5}", "", "deny")]
    public void Create(string rule, string document, string fetched, string expected)
    {
        Assert.Equal(expected, Verdict(OnCreate(rule, document, fetched: new Fetched(fetched))));
    }

    [Theory]
    [InlineData("{roomId:'r1'}", "", "needs database.rooms.r1")]
    [InlineData("{roomId:'r1'}", "database.rooms.r1={owner:'me'}", "allow")]
    [InlineData("{roomId:'r1'}", "database.rooms.r1={owner:'other'}", "deny")]
    [InlineData("{roomId:'r1'}", "database.rooms.r1=null", "deny")]
    [InlineData("{roomId:{$in:['r1']}, n:{$gt:1}}", "", "needs database.rooms.r1")]
    [InlineData("{$or:[{roomId:'r1'},{roomId:'r2'}]}", "", "needs database.rooms.r1,database.rooms.r2")]
    [InlineData("{$or:[{roomId:'r1'},{roomId:'r2'}]}", "database.rooms.r1={owner:'me'};database.rooms.r2={owner:'me'}", "allow")]
    [InlineData("{$or:[{roomId:'r1'},{roomId:'r2'}]}", "database.rooms.r1={owner:'me'};database.rooms.r2={owner:'x'}", "deny")]
    [InlineData("{$or:[{roomId:'r1'},{roomId:'r2'}]}", "database.rooms.r1={owner:'me'}", "needs database.rooms.r2")]
    [InlineData("{$or:[{roomId:'r1'},{roomId:'r1', x:1}]}", "", "needs database.rooms.r1")]
    [InlineData("{roomId:{$in:['r1','r2']}}", "", "deny")]
    [InlineData("{roomId:{$ne:'r1'}}", "", "deny")]
    [InlineData("{}", "", "deny")]
    [InlineData("{$or:[{roomId:'r1'},{x:1}]}", "", "deny")]
    public void Over_query(string query, string fetched, string expected)
    {
        Assert.Equal(expected, Verdict(OverQuery(RoomOwner, query, fetched: new Fetched(fetched))));
    }

    [Fact]
    public void A_field_the_query_leaves_open_is_named()
    {
        var reason = Reason(OverQuery(RoomOwner, "{}"));
        Assert.Contains("get() reads doc.roomId, which the query does not fix: add roomId: <value> to the query", reason);
    }

    [Fact]
    public void The_request_is_denied_when_the_rule_would_read_more_than_10_documents()
    {
        var ten = "{$or:[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $"{{roomId:'r{i}'}}")) + "]}";
        var eleven = "{$or:[" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"{{roomId:'r{i}'}}")) + "]}";
        Assert.Equal(10, Assert.IsType<RuleOutcome.NeedsDocuments>(OverQuery(RoomOwner, ten)).Documents.Count);
        Assert.Contains("reads more than 10 documents", Reason(OverQuery(RoomOwner, eleven)));
    }

    [Fact]
    public void Missing_and_fetched_documents_both_count_towards_the_limit()
    {
        var query = "{$or:[" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"{{roomId:'r{i}'}}")) + "]}";
        var fetched = new Fetched(string.Join(";", Enumerable.Range(0, 6).Select(i => $"database.rooms.r{i}={{owner:'me'}}")));
        Assert.Equal("deny", Verdict(OverQuery(RoomOwner, query, fetched: fetched)));
    }

    [Fact]
    public void References_carry_collection_and_id()
    {
        var outcome = OnCreate("get('database.my.rooms.' + doc.id).x == 1", "{id:'abc'}");
        var reference = Assert.Single(Assert.IsType<RuleOutcome.NeedsDocuments>(outcome).Documents);
        Assert.Equal(new DocumentReference("my.rooms", "abc"), reference);
    }

    [Fact]
    public void Three_passes_resolve_the_deepest_rule()
    {
        const string rule = "get('database.users.' + get('database.rooms.' + doc.roomId).owner).role == 'admin' && get('database.flags.on').v";
        var fetched = new Dictionary<DocumentReference, BsonDocument?>();
        var passes = 0;
        RuleOutcome outcome;
        while ((outcome = Evaluate()) is RuleOutcome.NeedsDocuments needs)
        {
            passes++;
            foreach (var reference in needs.Documents)
            {
                fetched[reference] = reference.Collection switch
                {
                    "rooms" => new BsonDocument("owner", "u1"),
                    "users" => new BsonDocument("role", "admin"),
                    _ => new BsonDocument("v", true),
                };
            }
        }
        Assert.IsType<RuleOutcome.Allowed>(outcome);
        Assert.Equal(2, passes);
        return;

        RuleOutcome Evaluate() => RuleEvaluator.Evaluate(
            RuleExpression.Parse(rule, RuleTarget.Database),
            new RuleContext { Auth = Me, QueryCondition = BsonDocument.Parse("{roomId:'r1'}"), Fetched = fetched });
    }
}
