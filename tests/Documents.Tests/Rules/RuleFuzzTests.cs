using ActorCloud.Documents.Rules;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Rules.RuleTesting;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>
/// Random token soup: parsing may only fail with <see cref="RuleException"/>, and whatever parses must evaluate to
/// a verdict through the engine's own reasoning, never through its last-resort catch of unexpected exceptions.
/// </summary>
public sealed class RuleFuzzTests
{
    private static readonly string[] Alphabet =
    [
        "doc", "auth", "request", "now", "get", "resource", ".", "openid", "_openid", "a", "x", "data", "uid",
        "==", "!=", "<", ">=", "&&", "||", "!", "(", ")", "[", "]", ",", "in", "+", "-",
        "0", "1", "2.5", "'x'", "'me'", "'database.a.'", "'database.a.b'", "null", "true", "false",
    ];

    private static readonly IReadOnlyDictionary<DocumentReference, BsonDocument?> Loaded = new Dictionary<DocumentReference, BsonDocument?>
    {
        [new DocumentReference("a", "b")] = BsonDocument.Parse("{a:1, openid:'me', x:[1,'x']}"),
        [new DocumentReference("a", "x")] = null,
    };

    private static readonly RuleContext[] Contexts =
    [
        new() { Auth = Me, Document = BsonDocument.Parse("{a:1, _openid:'me', x:[1,'x']}"), Fetched = Loaded },
        new() { Auth = Me, QueryCondition = BsonDocument.Parse("{a:1, _openid:{$in:['me','x']}, $or:[{x:1},{x:'x', a:{$gt:0}}]}"), Fetched = Loaded },
        new() { QueryCondition = BsonDocument.Parse("{_openid:'me', x:'x'}"), RequestData = BsonDocument.Parse("{a:2}") },
    ];

    [Fact]
    public void Random_expressions_parse_or_are_refused_and_always_get_a_verdict()
    {
        var random = new Random(20240101);
        var parsed = 0;
        for (var i = 0; i < 20000; i++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 16)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
            RuleExpression expression;
            try
            {
                expression = RuleExpression.Parse(text, RuleTarget.Database);
            }
            catch (RuleException)
            {
                continue;
            }
            parsed++;
            foreach (var context in Contexts)
            {
                var outcome = RuleEvaluator.Evaluate(expression, context);
                Assert.False(outcome is RuleOutcome.Denied { Reason: var reason } && reason.Contains("could not be evaluated"), $"{text}: {outcome}");
            }
        }
        Assert.True(parsed > 100, $"only {parsed} random expressions parsed");
    }
}
