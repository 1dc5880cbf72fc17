using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>
/// Rules over a query: allowed only when the rule is provably true for every document the query could match,
/// using only the query's equalities, <c>$in</c> sets, exclusions and bounds. Signed in as <c>me</c>.
/// </summary>
public sealed class QuerySubsetTests
{
    [Theory]
    // bounds force or contradict ordered comparisons
    [InlineData("doc.n > 5", "{n:7}", "allow")]
    [InlineData("doc.n > 5", "{n:{$gte:6}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$gt:5}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$gt:5.5, $lt:100}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$gte:5}}", "deny")]
    [InlineData("doc.n > 5", "{n:{$gt:4}}", "deny")]
    [InlineData("doc.n > 5", "{n:{$lt:100}}", "deny")]
    [InlineData("doc.n > 5", "{n:5}", "deny")]
    [InlineData("doc.n > 5", "{}", "deny")]
    [InlineData("doc.n > 5", "{n:{$gt:'a'}}", "deny")]
    [InlineData("doc.n > 5", "{$or:[{n:6},{n:{$gt:10}}]}", "allow")]
    [InlineData("doc.n > 5", "{$or:[{n:6},{n:{$gt:1}}]}", "deny")]
    [InlineData("doc.n > 5", "{n:{$in:[6,7,8]}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$in:[5,6]}}", "deny")]
    [InlineData("doc.n > 5", "{n:{$in:[5,6], $gt:5}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$in:[5,6], $ne:5}}", "allow")]
    [InlineData("doc.n > 5", "{n:{$in:[5,6]}, $and:[{n:{$in:[6,7]}}]}", "allow")]
    [InlineData("doc.n > 5", "{n:{$not:{$lte:5}}}", "deny")]
    [InlineData("doc.n >= 5", "{n:{$gte:5}}", "allow")]
    [InlineData("doc.n >= 5", "{n:{$gte:5.0}}", "allow")]
    [InlineData("doc.n >= 5", "{n:{$gt:4.5}}", "deny")]
    [InlineData("doc.n >= 5", "{n:NumberLong(5)}", "allow")]
    [InlineData("doc.n >= 5", "{n:NumberDecimal('5.1')}", "allow")]
    [InlineData("doc.n < 10", "{n:{$lt:10}}", "allow")]
    [InlineData("doc.n < 10", "{n:{$lte:10}}", "deny")]
    [InlineData("doc.n < 10", "{n:{$lte:9.5}}", "allow")]
    [InlineData("doc.n < 10", "{n:{$in:[1,2,3]}}", "allow")]
    [InlineData("doc.n < 10", "{n:{$in:[1,20]}}", "deny")]
    [InlineData("doc.n <= 10", "{n:{$lte:10}}", "allow")]
    [InlineData("5 < doc.n", "{n:{$gt:5}}", "allow")]
    [InlineData("10 >= doc.n", "{n:{$lt:10}}", "allow")]
    [InlineData("!(doc.n > 5)", "{n:{$lte:5}}", "allow")]
    [InlineData("!(doc.n > 5)", "{n:3}", "allow")]
    [InlineData("!(doc.n > 5)", "{}", "deny")]
    [InlineData("!(doc.n > 5)", "{n:{$lt:7}}", "deny")]
    [InlineData("doc.d > now", "{d:{$gt:NumberLong('1704067200000')}}", "allow")]
    [InlineData("doc.d > now", "{d:{$gt:NumberLong('1704067100000')}}", "deny")]
    // equality and exclusions
    [InlineData("doc.f == 'x'", "{f:'x'}", "allow")]
    [InlineData("doc.f == 'x'", "{f:'y'}", "deny")]
    [InlineData("doc.f == 'x'", "{f:{$ne:'y'}}", "deny")]
    [InlineData("!(doc.f == 'x')", "{f:{$ne:'x'}}", "allow")]
    [InlineData("!(doc.f == 'x')", "{f:{$nin:['x','y']}}", "allow")]
    [InlineData("!(doc.f == 'x')", "{f:'y'}", "allow")]
    [InlineData("doc.f != 'x'", "{f:'y'}", "allow")]
    [InlineData("doc.f != 'x'", "{f:{$ne:'x'}}", "allow")]
    [InlineData("doc.f != 'x'", "{f:{$nin:['x','z']}}", "allow")]
    [InlineData("doc.f != 'x'", "{f:{$gt:'y'}}", "allow")]
    [InlineData("doc.f != 'x'", "{f:{$gt:1}}", "allow")]
    [InlineData("doc.f != 'x'", "{f:'x'}", "deny")]
    [InlineData("doc.f != 'x'", "{}", "deny")]
    [InlineData("doc.f != 'x'", "{f:{$ne:'z'}}", "deny")]
    [InlineData("doc.n == 5", "{n:5.0}", "allow")]
    [InlineData("doc.n == 5.0", "{n:NumberLong(5)}", "allow")]
    [InlineData("doc.n == 5", "{n:{$gte:5, $lte:5}}", "deny")]
    [InlineData("doc.n == 3", "{n:{$gt:5}}", "deny")]
    [InlineData("!(doc.n == 3)", "{n:{$gt:5}}", "allow")]
    [InlineData("doc.deleted == null", "{deleted:null}", "allow")]
    [InlineData("doc.deleted == null", "{}", "deny")]
    [InlineData("doc.x != null", "{x:{$ne:null}}", "allow")]
    [InlineData("doc._openid == auth.openid", "{_openid:'me', $and:[{_openid:'other'}]}", "allow")]
    [InlineData("auth.openid == doc._openid", "{_openid:'me'}", "allow")]
    [InlineData("doc.owner == doc._openid", "{_openid:'me', owner:'me'}", "allow")]
    [InlineData("doc.owner == doc._openid", "{_openid:'me'}", "deny")]
    [InlineData("doc.owner == doc._openid", "{}", "deny")]
    // in
    [InlineData("doc.f in ['a','b']", "{f:'a'}", "allow")]
    [InlineData("doc.f in ['a','b']", "{f:{$in:['a','b']}}", "allow")]
    [InlineData("doc.f in ['a','b']", "{f:{$in:['b','a']}}", "allow")]
    [InlineData("doc.f in ['a','b']", "{f:{$in:['a']}}", "allow")]
    [InlineData("doc.f in ['a','b']", "{f:{$in:['a','c']}}", "deny")]
    [InlineData("doc.f in ['a','b']", "{f:{$in:['a','c'], $ne:'c'}}", "allow")]
    [InlineData("doc.f in ['a','b']", "{f:'c'}", "deny")]
    [InlineData("doc.f == 'me'", "{f:{$in:['a','b']}, $and:[{f:{$in:['c','d']}}]}", "deny")]
    [InlineData("doc.f != 'me'", "{f:{$in:['a','b']}, $and:[{f:{$in:['c','d']}}]}", "deny")]
    [InlineData("doc.f in ['a','b']", "{}", "deny")]
    [InlineData("doc.f in ['a','b']", "{$or:[{f:'a'},{f:'b'}]}", "allow")]
    [InlineData("doc.f in []", "{}", "deny")]
    [InlineData("!(doc.f in ['a','b'])", "{f:'c'}", "allow")]
    [InlineData("!(doc.f in ['a','b'])", "{f:{$in:['c','d']}}", "allow")]
    [InlineData("!(doc.f in ['a','b'])", "{f:{$nin:['a','b','c']}}", "allow")]
    [InlineData("!(doc.f in ['a','b'])", "{f:{$nin:['a']}}", "deny")]
    [InlineData("!(doc.f in ['a','b'])", "{f:'a'}", "deny")]
    [InlineData("!(doc.n in [1, 2])", "{n:{$gt:2}}", "allow")]
    [InlineData("doc.n in [1, 2]", "{n:1.0}", "allow")]
    [InlineData("'x' in doc.tags", "{tags:['x','y']}", "allow")]
    [InlineData("'x' in doc.tags", "{tags:'x'}", "deny")]
    [InlineData("auth.openid in doc.members", "{}", "deny")]
    // && and ||
    [InlineData("doc.status == 'open' || doc._openid == auth.openid", "{status:'open'}", "allow")]
    [InlineData("doc.status == 'open' || doc._openid == auth.openid", "{_openid:'me'}", "allow")]
    [InlineData("doc.status == 'open' || doc._openid == auth.openid", "{$or:[{status:'open'},{_openid:'me'}]}", "allow")]
    [InlineData("doc.status == 'open' || doc._openid == auth.openid", "{status:'closed'}", "deny")]
    [InlineData("doc.status == 'open' && doc._openid == auth.openid", "{status:'open', _openid:'me'}", "allow")]
    [InlineData("doc.status == 'open' && doc._openid == auth.openid", "{status:'open'}", "deny")]
    [InlineData("!(doc.status == 'open' && doc.n > 1)", "{status:'closed'}", "allow")]
    [InlineData("!(doc.status == 'open' && doc.n > 1)", "{status:'open'}", "deny")]
    [InlineData("!(doc.status == 'open' || doc.n > 1)", "{status:'closed', n:0}", "allow")]
    [InlineData("doc.public || doc._openid == auth.openid", "{public:true}", "allow")]
    [InlineData("doc.public", "{public:false}", "deny")]
    [InlineData("doc.public", "{public:{$ne:false}}", "deny")]
    [InlineData("!doc.public", "{public:false}", "allow")]
    [InlineData("auth != null", "{}", "allow")]
    [InlineData("auth != null && doc.n > 1", "{n:2}", "allow")]
    // paths: dotted, bracketed, embedded documents
    [InlineData("doc.a.b == 1", "{a:{b:1}}", "allow")]
    [InlineData("doc.a.b == 1", "{'a.b':1}", "allow")]
    [InlineData("doc['a']['b'] == 1", "{'a.b':1}", "allow")]
    [InlineData("doc['a.b'] == 1", "{'a.b':1}", "deny")]
    [InlineData("doc.a.b == 1", "{a:{b:2}}", "deny")]
    [InlineData("doc.a.b == null", "{a:{c:2}}", "allow")]
    [InlineData("doc.a == 1", "{'a.b':1}", "deny")]
    [InlineData("doc.a.b.c == 1", "{a:{b:1}}", "deny")]
    [InlineData("doc.a.b.c > 0", "{a:{b:{c:1}}}", "allow")]
    [InlineData("doc.a.b.c > 0", "{'a.b':{c:1}}", "allow")]
    [InlineData("doc.tags[0] == 'x'", "{'tags.0':'x'}", "allow")]
    [InlineData("doc.tags[0] == 'x'", "{tags:['x','y']}", "allow")]
    [InlineData("doc[doc.k] == 1", "{k:'a', a:1}", "allow")]
    [InlineData("doc[doc.k] == 1", "{a:1}", "deny")]
    [InlineData("doc == null", "{}", "deny")]
    // arithmetic on fixed fields
    [InlineData("doc.n + 1 == 6", "{n:5}", "allow")]
    [InlineData("doc.n + 1 == 6", "{n:{$gt:4}}", "deny")]
    [InlineData("-doc.n < 0", "{n:5}", "allow")]
    public void Over_query(string rule, string query, string expected)
    {
        Assert.Equal(expected, Verdict(OverQuery(rule, query)));
    }

    [Fact]
    public void Rule_without_doc_ignores_an_unanalysable_query()
    {
        var huge = "{$and:[" + string.Join(",", Enumerable.Repeat("{$or:[{a:1},{a:2}]}", 7)) + "]}";
        Assert.Equal("allow", Verdict(OverQuery("auth != null", huge)));
        Assert.Equal("deny", Verdict(OverQuery("auth != null", huge, signedIn: false)));
    }

    [Theory]
    [InlineData(6, "allow")]
    [InlineData(7, "deny")]
    public void Branch_expansion_is_bounded_at_64(int ors, string expected)
    {
        var query = "{$and:[" + string.Join(",", Enumerable.Repeat("{$or:[{_openid:'me',a:1},{_openid:'me',a:2}]}", ors)) + "]}";
        var outcome = OverQuery("doc._openid == auth.openid", query);
        Assert.Equal(expected, Verdict(outcome));
        if (expected == "deny") Assert.Contains("too complex", Reason(outcome));
    }

    [Theory]
    [InlineData(64, "allow")]
    [InlineData(65, "deny")]
    public void Or_branches_are_bounded_at_64(int branches, string expected)
    {
        var query = "{$or:[" + string.Join(",", Enumerable.Range(0, branches).Select(i => $"{{_openid:'me', i:{i}}}")) + "]}";
        Assert.Equal(expected, Verdict(OverQuery("doc._openid == auth.openid", query)));
    }

    [Fact]
    public void Large_in_lists_are_ignored_rather_than_scanned()
    {
        var values = string.Join(",", Enumerable.Range(0, 300).Select(i => $"'v{i}'"));
        Assert.Equal("deny", Verdict(OverQuery("doc.f != 'x'", $"{{f:{{$nin:[{values}]}}}}")));
        Assert.Equal("allow", Verdict(OverQuery("doc.f != 'x'", $"{{f:{{$nin:['x',{string.Join(",", values.Split(',').Take(200))}]}}}}")));
    }
}
