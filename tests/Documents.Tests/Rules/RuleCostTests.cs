using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>The rule engine runs on every client request: the largest accepted rule over the largest analysed query stays cheap, and nothing hostile throws.</summary>
public sealed class RuleCostTests
{
    [Fact]
    public void A_1024_character_chain_of_ors_over_64_branches_gets_a_verdict()
    {
        // 42 terms of 6 tokens stay under the 256-token limit; spaces fill the rest of the 1024 characters.
        var terms = Enumerable.Range(0, 42).Select(i => $"doc.fd{i:D2} == 'v{i:D5}'");
        var rule = string.Join(" || ", terms);
        rule += new string(' ', 1024 - rule.Length);
        Assert.Equal(1024, rule.Length);
        var expression = RuleExpression.Parse(rule, RuleTarget.Database);
        var query = BsonDocument.Parse("{$or:[" + string.Join(",", Enumerable.Range(0, 64).Select(i => $"{{other{i}:{i}, fd00:{{$ne:'x'}}}}")) + "]}");
        var context = new RuleContext { Auth = Me, QueryCondition = query };

        Assert.Equal("deny", Verdict(RuleEvaluator.Evaluate(expression, context)));
    }

    [Fact]
    public void Deep_parentheses_are_refused_not_a_stack_overflow()
    {
        var text = new string('(', 500) + "true" + new string(')', 500);
        Assert.Throws<RuleException>(() => RuleExpression.Parse(text, RuleTarget.Database));
        var rules = $$"""{"read":"{{new string('(', 510)}}true{{new string(')', 510)}}"}""";
        Assert.Contains("rule 'read'", Assert.Throws<RuleException>(() => SecurityRules.Parse(rules, RuleTarget.Database)).Message);
    }

    [Fact]
    public void Deeply_nested_queries_are_denied_not_a_stack_overflow()
    {
        var query = new BsonDocument("_openid", "me");
        for (var i = 0; i < 200; i++) query = new BsonDocument("$and", new BsonArray { query });
        var outcome = RuleEvaluator.Evaluate(RuleExpression.Parse("doc._openid == auth.openid", RuleTarget.Database), new RuleContext { Auth = Me, QueryCondition = query });
        Assert.Equal("deny", Verdict(outcome));
    }

    [Fact]
    public void A_long_chain_of_member_accesses_evaluates()
    {
        var path = string.Join(".", Enumerable.Repeat("a", 120));
        var document = new BsonDocument("a", 1);
        for (var i = 1; i < 120; i++) document = new BsonDocument("a", document);
        Assert.Equal("allow", Verdict(RuleEvaluator.Evaluate(
            RuleExpression.Parse($"doc.{path} == 1", RuleTarget.Database),
            new RuleContext { Document = document })));
    }
}
