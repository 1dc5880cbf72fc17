using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>Creates and storage: <c>doc</c> / <c>resource</c> are concrete, so every rule is plainly true or false.</summary>
public sealed class ConcreteEvaluationTests
{
    [Theory]
    // ownership and sign-in
    [InlineData("doc._openid == auth.openid", "{_openid:'me'}", true, "allow")]
    [InlineData("doc._openid == auth.openid", "{_openid:'other'}", true, "deny")]
    [InlineData("doc._openid == auth.openid", "{}", true, "deny")]
    [InlineData("doc._openid == auth.openid", "{_openid:'me'}", false, "deny")]
    [InlineData("auth != null", "{}", true, "allow")]
    [InlineData("auth != null", "{}", false, "deny")]
    [InlineData("auth == null", "{}", false, "allow")]
    [InlineData("auth.uid == doc.owner && auth.loginType == 'WECHAT-OPEN'", "{owner:'uid-me'}", true, "allow")]
    [InlineData("auth.loginType == 'ANONYMOUS'", "{}", true, "deny")]
    [InlineData("doc['_openid'] == auth['openid']", "{_openid:'me'}", true, "allow")]
    [InlineData("true", "{}", false, "allow")]
    [InlineData("false", "{}", true, "deny")]
    // numbers compare by value across BSON types
    [InlineData("doc.n == 5", "{n:5.0}", true, "allow")]
    [InlineData("doc.n == 5", "{n:NumberLong(5)}", true, "allow")]
    [InlineData("doc.n == 5", "{n:NumberDecimal('5.0')}", true, "allow")]
    [InlineData("doc.n == 5.5", "{n:NumberDecimal('5.5')}", true, "allow")]
    [InlineData("doc.n > 4.5", "{n:NumberLong(5)}", true, "allow")]
    [InlineData("doc.n >= 5 && doc.n <= 5", "{n:5}", true, "allow")]
    [InlineData("doc.n < 5", "{n:5}", true, "deny")]
    [InlineData("doc.n == '5'", "{n:5}", true, "deny")]
    [InlineData("doc.n < '6'", "{n:5}", true, "deny")]
    [InlineData("doc.n >= '5'", "{n:5}", true, "deny")]
    [InlineData("doc.s < 'b'", "{s:'a'}", true, "allow")]
    [InlineData("doc.s > 'B'", "{s:'a'}", true, "allow")]
    // arithmetic and concatenation
    [InlineData("doc.n + 1 == 6", "{n:5}", true, "allow")]
    [InlineData("doc.n - 1 == 4.0", "{n:5}", true, "allow")]
    [InlineData("-doc.n == -5", "{n:5}", true, "allow")]
    [InlineData("doc.n + 0.5 == 5.5", "{n:NumberLong(5)}", true, "allow")]
    [InlineData("2147483647 + 1 == 2147483648", "{}", true, "allow")]
    [InlineData("'a' + 'b' == 'ab'", "{}", true, "allow")]
    [InlineData("'n' + doc.n == 'n5'", "{n:5}", true, "allow")]
    [InlineData("doc.s + 1 == 1", "{s:null}", true, "deny")]
    [InlineData("doc.s - 1 == 1", "{s:'x'}", true, "deny")]
    // members, indexes, null and missing
    [InlineData("doc.a.b == 1", "{a:{b:1}}", true, "allow")]
    [InlineData("doc.a.b == null", "{a:{}}", true, "allow")]
    [InlineData("doc.a.b == null", "{}", true, "deny")]
    [InlineData("doc.a.b == 1", "{a:5}", true, "deny")]
    [InlineData("doc.missing == null", "{}", true, "allow")]
    [InlineData("doc.tags[1] == 'y'", "{tags:['x','y']}", true, "allow")]
    [InlineData("doc.tags[5] == null", "{tags:['x','y']}", true, "allow")]
    [InlineData("doc.tags.length == 2", "{tags:['x','y']}", true, "deny")]
    [InlineData("doc[doc.key] == 1", "{key:'a', a:1}", true, "allow")]
    [InlineData("doc.a[true] == 1", "{a:{}}", true, "deny")]
    [InlineData("doc.list == [1, 'x']", "{list:[1,'x']}", true, "allow")]
    [InlineData("null == null", "{}", true, "allow")]
    // in, !, boolean fields
    [InlineData("doc.role in ['admin', 'owner']", "{role:'owner'}", true, "allow")]
    [InlineData("doc.role in ['admin', 'owner']", "{role:'guest'}", true, "deny")]
    [InlineData("!(doc.role in ['banned'])", "{role:'guest'}", true, "allow")]
    [InlineData("'x' in doc.tags", "{tags:['y','x']}", true, "allow")]
    [InlineData("5 in [5.0, 6]", "{}", true, "allow")]
    [InlineData("auth.openid in doc.members", "{members:['a','me']}", true, "allow")]
    [InlineData("'x' in doc.tags", "{tags:'x'}", true, "deny")]
    [InlineData("doc.flag", "{flag:true}", true, "allow")]
    [InlineData("doc.flag", "{flag:false}", true, "deny")]
    [InlineData("doc.n", "{n:1}", true, "deny")]
    [InlineData("!doc.flag", "{flag:false}", true, "allow")]
    [InlineData("!!true && (false || !false)", "{}", true, "allow")]
    [InlineData("doc.n > 5 || doc.n < 0", "{n:-1}", true, "allow")]
    [InlineData("\"a\\\"b\" == 'a\"b' && 'it\\'s' == \"it's\" && '\\u0041' == 'A'", "{}", true, "allow")]
    // now is milliseconds since the Unix epoch
    [InlineData("now == 1704067200000", "{}", true, "allow")]
    [InlineData("doc.expires > now", "{expires:NumberLong('1704067200001')}", true, "allow")]
    [InlineData("doc.expires > now", "{expires:1704067200000.5}", true, "allow")]
    [InlineData("doc.expires > now", "{expires:NumberLong('1704067200000')}", true, "deny")]
    [InlineData("now - doc.at < 60000", "{at:NumberLong('1704067170000')}", true, "allow")]
    public void Create(string rule, string document, bool signedIn, string expected)
    {
        Assert.Equal(expected, Verdict(OnCreate(rule, document, signedIn)));
    }

    [Theory]
    [InlineData("request.data.n == 1", "{n:1}", "allow")]
    [InlineData("request.data.n == 1", "{n:2}", "deny")]
    [InlineData("request.data.title != null && doc._openid == auth.openid", "{title:'t'}", "allow")]
    public void Request_data(string rule, string data, string expected)
    {
        var context = new RuleContext { Auth = Me, Document = BsonDocument.Parse("{_openid:'me'}"), RequestData = BsonDocument.Parse(data) };
        Assert.Equal(expected, Verdict(RuleEvaluator.Evaluate(RuleExpression.Parse(rule, RuleTarget.Database), context)));
    }

    [Fact]
    public void Request_data_missing_denies_reads_of_it()
    {
        var context = new RuleContext { Auth = Me, Document = [] };
        Assert.Equal("deny", Verdict(RuleEvaluator.Evaluate(RuleExpression.Parse("request.data.n == 1", RuleTarget.Database), context)));
    }

    [Theory]
    [InlineData("resource.openid == auth.openid", "{openid:'me'}", true, "allow")]
    [InlineData("resource.openid == auth.openid", "{openid:'other'}", true, "deny")]
    [InlineData("resource.openid == auth.openid", "{openid:'me'}", false, "deny")]
    [InlineData("auth != null", "{}", true, "allow")]
    [InlineData("true", "{}", false, "allow")]
    [InlineData("resource.size < 1048576 && resource.openid == auth.openid", "{openid:'me', size:2048}", true, "allow")]
    public void Storage(string rule, string resource, bool signedIn, string expected)
    {
        var context = new RuleContext { Auth = signedIn ? Me : null, Resource = BsonDocument.Parse(resource) };
        Assert.Equal(expected, Verdict(RuleEvaluator.Evaluate(RuleExpression.Parse(rule, RuleTarget.Storage), context)));
    }

    [Theory]
    [InlineData("doc._openid == auth.openid", "{_openid:'me'}", false, "cannot read auth.openid: the user is not signed in")]
    [InlineData("doc.a.b == 1", "{}", true, "cannot read 'b' of doc.a, which is null")]
    [InlineData("doc.n", "{n:1}", true, "doc.n is a number, not true or false")]
    [InlineData("'x' in doc.tags", "{tags:'x'}", true, "'in' needs an array, but doc.tags is a string")]
    [InlineData("doc.s - 1 == 1", "{s:'x'}", true, "'-' needs numbers, not a string")]
    [InlineData("doc._openid == auth.openid", "{_openid:'x'}", true, "the rule (doc._openid == auth.openid) is not satisfied")]
    public void Denials_say_why(string rule, string document, bool signedIn, string reason)
    {
        Assert.Contains(reason, Reason(OnCreate(rule, document, signedIn)));
    }

    [Fact]
    public void A_rule_reading_doc_without_a_query_or_document_is_denied()
    {
        var outcome = RuleEvaluator.Evaluate(RuleExpression.Parse("doc.a == 1", RuleTarget.Database), new RuleContext { Auth = Me });
        Assert.Contains("neither a query nor a document", Reason(outcome));
    }

    [Fact]
    public void A_query_and_a_document_together_are_denied()
    {
        var context = new RuleContext { Auth = Me, QueryCondition = [], Document = [] };
        Assert.Equal("deny", Verdict(RuleEvaluator.Evaluate(RuleExpression.Parse("true", RuleTarget.Database), context)));
    }

    [Fact]
    public void Local_now_is_converted_to_utc()
    {
        var context = new RuleContext { Now = FixedNow.ToLocalTime(), Document = [] };
        Assert.Equal("allow", Verdict(RuleEvaluator.Evaluate(RuleExpression.Parse("now == 1704067200000", RuleTarget.Database), context)));
    }
}
