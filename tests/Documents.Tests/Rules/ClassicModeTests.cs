using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>
/// The four classic permissions written as rule sets must decide exactly as the classic modes do: reads, updates
/// and deletes are judged on the client's query alone (only a query that implies the rule passes), creates on the document.
/// </summary>
public sealed class ClassicModeTests
{
    private const string ReadOnly = """{"read":true,"write":"doc._openid == auth.openid"}""";
    private const string Private = """{"read":"doc._openid == auth.openid","write":"doc._openid == auth.openid"}""";
    private const string AdminWrite = """{"read":true,"write":false}""";
    private const string AdminOnly = """{"read":false,"write":false}""";

    [Theory]
    // READONLY: everyone reads; writes need a query pinned to the caller's own documents
    [InlineData(ReadOnly, RuleOperation.Read, "{}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Read, "{}", false, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_id:'x'}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:'me'}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_id:'x', _openid:'me'}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:'me'}", false, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:'other'}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Delete, "{_openid:'me', n:{$gt:1}}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Delete, "{$or:[{_openid:'me'},{_openid:'other'}]}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Delete, "{$or:[{_openid:'me'},{x:1}]}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Delete, "{$or:[{_openid:'me'},{_openid:'me', x:1}]}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Delete, "{$and:[{_openid:'me'}]}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$in:['me']}}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$in:['me','x']}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$eq:'me'}}", true, "allow")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$regex:'me'}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:/^me$/}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$in:[/^me$/]}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{$expr:{$eq:['$_openid','me']}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{$nor:[{_openid:{$ne:'me'}}]}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$not:{$ne:'me'}}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:{$exists:true}}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{'_openid.x':'me'}", true, "deny")]
    [InlineData(ReadOnly, RuleOperation.Update, "{_openid:'me', $nor:[{a:1}], b:{$exists:true}}", true, "allow")]
    // PRIVATE: reads too
    [InlineData(Private, RuleOperation.Read, "{}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{_id:'x'}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{_openid:'me'}", true, "allow")]
    [InlineData(Private, RuleOperation.Read, "{_openid:'me'}", false, "deny")]
    [InlineData(Private, RuleOperation.Read, "{_openid:'me', n:{$gt:1}}", true, "allow")]
    [InlineData(Private, RuleOperation.Read, "{$or:[{_openid:'me'},{_openid:'other'}]}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{$or:[{_openid:'me'},{x:1}]}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{$and:[{_openid:'me'}]}", true, "allow")]
    [InlineData(Private, RuleOperation.Read, "{$and:[{x:1},{$or:[{_openid:'me',y:1},{_openid:'me',y:2}]}]}", true, "allow")]
    [InlineData(Private, RuleOperation.Read, "{_openid:{$in:['me']}}", true, "allow")]
    [InlineData(Private, RuleOperation.Read, "{_openid:{$in:['me','x']}}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{_openid:{$regex:'me'}}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{$expr:{$eq:['$_openid','me']}}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{$nor:[{_openid:{$ne:'me'}}]}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{'_openid.x':'me'}", true, "deny")]
    [InlineData(Private, RuleOperation.Read, "{_openid:'me', $and:[{_openid:'other'}]}", true, "allow")]
    [InlineData(Private, RuleOperation.Delete, "{_openid:'me'}", true, "allow")]
    [InlineData(Private, RuleOperation.Delete, "{}", true, "deny")]
    // ADMINWRITE and ADMINONLY: constants, whatever the query
    [InlineData(AdminWrite, RuleOperation.Read, "{}", false, "allow")]
    [InlineData(AdminWrite, RuleOperation.Update, "{_openid:'me'}", true, "deny")]
    [InlineData(AdminWrite, RuleOperation.Delete, "{_openid:'me'}", true, "deny")]
    [InlineData(AdminOnly, RuleOperation.Read, "{_openid:'me'}", true, "deny")]
    [InlineData(AdminOnly, RuleOperation.Update, "{_openid:'me'}", true, "deny")]
    public void Query_operations(string rules, RuleOperation operation, string query, bool signedIn, string expected)
    {
        var rule = SecurityRules.Parse(rules, RuleTarget.Database).For(operation)!;
        var context = new RuleContext { Auth = signedIn ? Me : null, QueryCondition = BsonDocument.Parse(query) };
        Assert.Equal(expected, Verdict(RuleEvaluator.Evaluate(rule, context)));
    }

    [Theory]
    [InlineData(ReadOnly, "{_openid:'me', a:1}", true, "allow")]
    [InlineData(ReadOnly, "{_openid:'other'}", true, "deny")]
    [InlineData(ReadOnly, "{a:1}", true, "deny")]
    [InlineData(ReadOnly, "{_openid:'me'}", false, "deny")]
    [InlineData(Private, "{_openid:'me'}", true, "allow")]
    [InlineData(AdminWrite, "{_openid:'me'}", true, "deny")]
    [InlineData(AdminOnly, "{_openid:'me'}", true, "deny")]
    public void Create(string rules, string document, bool signedIn, string expected)
    {
        var rule = SecurityRules.Parse(rules, RuleTarget.Database).For(RuleOperation.Create)!;
        var context = new RuleContext { Auth = signedIn ? Me : null, Document = BsonDocument.Parse(document) };
        Assert.Equal(expected, Verdict(RuleEvaluator.Evaluate(rule, context)));
    }

    [Fact]
    public void Denial_tells_the_client_what_the_query_lacks()
    {
        var rule = SecurityRules.Parse(Private, RuleTarget.Database).For(RuleOperation.Read)!;
        var outcome = RuleEvaluator.Evaluate(rule, new RuleContext { Auth = Me, QueryCondition = [] });
        Assert.Equal("the query does not satisfy the rule 'read' (doc._openid == auth.openid): add _openid: '{openid}' to it", Reason(outcome));
    }

    [Fact]
    public void Not_signed_in_is_named_in_the_denial()
    {
        var rule = SecurityRules.Parse(Private, RuleTarget.Database).For(RuleOperation.Read)!;
        var outcome = RuleEvaluator.Evaluate(rule, new RuleContext { QueryCondition = BsonDocument.Parse("{_openid:'me'}") });
        Assert.Equal("the rule 'read' (doc._openid == auth.openid) cannot be applied: cannot read auth.openid: the user is not signed in", Reason(outcome));
    }
}
