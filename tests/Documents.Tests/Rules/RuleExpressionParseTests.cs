using ActorCloud.Documents.Rules;
using Xunit;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>Expressions the parser accepts, and every refusal with its message (positions are 0-based offsets).</summary>
public sealed class RuleExpressionParseTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("doc._openid == auth.openid")]
    [InlineData("auth.openid == doc._openid && auth.uid != null && auth.loginType == 'ANONYMOUS'")]
    [InlineData("auth != null")]
    [InlineData("doc['a']['b'] == \"x\" || doc.a[0] > -1.5e3")]
    [InlineData("doc.n in [1, 2, 3] && !(doc.s in ['a', \"b\"])")]
    [InlineData("request.data.n <= doc.n + 1 - 2")]
    [InlineData("now >= 0")]
    [InlineData("doc.in == doc.true")]
    [InlineData("get('database.rooms.' + doc.roomId).owner == auth.openid")]
    [InlineData("get('database.my.rooms.r1').owner == auth.openid")]
    [InlineData("get('database.a.' + get('database.b.' + doc.x).y).z == 1")]
    [InlineData("get('database.a.b').x == 1 && get('database.a.c').x == 1 || get('database.a.d').x == 1")]
    [InlineData("  doc.a\t==\n1  ")]
    [InlineData("[] == []")]
    public void Accepts(string text)
    {
        Assert.Equal(text, RuleExpression.Parse(text, RuleTarget.Database).Text);
    }

    [Theory]
    [InlineData("resource.openid == auth.openid")]
    [InlineData("resource.path == 'a/b.png' && now > 0")]
    [InlineData("request.data.size < 1024")]
    public void Accepts_storage(string text)
    {
        Assert.Equal(text, RuleExpression.Parse(text, RuleTarget.Storage).Text);
    }

    [Theory]
    [InlineData("", "the expression is empty")]
    [InlineData(" \t", "the expression is empty")]
    [InlineData("foo", "unknown identifier 'foo' at 0")]
    [InlineData("doc._openid == foo", "unknown identifier 'foo' at 15")]
    [InlineData("bar(1)", "unknown function 'bar' at 0")]
    [InlineData("doc.a == auth(1)", "unknown function 'auth' at 9")]
    [InlineData("auth.email == 'x'", "auth has no field 'email' (only openid, uid, loginType) at 5")]
    [InlineData("auth['email'] == 'x'", "auth has no field 'email'")]
    [InlineData("request.foo == 1", "'request' only has 'data' (write request.data) at 0")]
    [InlineData("request == null", "'request' only has 'data'")]
    [InlineData("resource.openid == 'x'", "'resource' is only available in storage rules (use 'doc') at 0")]
    [InlineData("get", "get must be called as get('database.<collection>.<id>') at 0")]
    [InlineData("get('database.a.b', 1).x", "get() takes exactly one argument at 18")]
    [InlineData("get('x.a.b').y == 1", "invalid get() path: 'x.a.b' does not start with 'database.' at 4")]
    [InlineData("get('database.ab').y == 1", "invalid get() path: 'database.ab' is not 'database.<collection>.<id>'")]
    [InlineData("get('database.a.').y == 1", "is not 'database.<collection>.<id>'")]
    [InlineData("get('database.a b.c').y == 1", "names an invalid collection")]
    [InlineData("get(1).y == 1", "get() needs a string path at 4")]
    [InlineData("get('database.a.b').x == 1 && get('database.a.c').x == 1 && get('database.a.d').x == 1 && get('database.a.e').x == 1", "more than 3 get() calls at 90")]
    [InlineData("get('database.a.' + get('database.b.' + get('database.c.d').e).f).g == 1", "get() nested deeper than 2 levels at 40")]
    [InlineData("doc.a = 1", "unexpected '=' (use '==' to compare) at 6")]
    [InlineData("doc.a === 1", "unexpected '=' (use '==' to compare) at 8")]
    [InlineData("doc.a == ", "unexpected end of expression at 9")]
    [InlineData("doc.a == 1)", "unexpected ')' at 10")]
    [InlineData("(doc.a == 1", "expected ')' but found end of expression at 11")]
    [InlineData("[1, 2", "expected ']' but found end of expression")]
    [InlineData("doc.a[0 == 1", "expected ']'")]
    [InlineData("doc. == 1", "expected a field name after '.' but found '==' at 5")]
    [InlineData("doc.a == 1 # x", "unexpected character '#' at 11")]
    [InlineData("doc.a == 1 & doc.b", "unexpected character '&' at 11")]
    [InlineData("doc.a == 'abc", "unterminated string at 9")]
    [InlineData("doc.a == 'abc\\", "unterminated string at 9")]
    [InlineData("doc.a == '\\u12'", "invalid \\u escape at 10")]
    [InlineData("doc.a == 12abc", "invalid number at 9")]
    [InlineData("doc.a == 1e", "invalid number at 9")]
    [InlineData("doc.a == 1e999", "number out of range at 9")]
    [InlineData("in", "unexpected 'in' at 0")]
    [InlineData("doc.a in", "unexpected end of expression at 8")]
    [InlineData("1", "the expression is a value, not a condition")]
    [InlineData("'yes'", "the expression is a value, not a condition")]
    [InlineData("null", "the expression is a value, not a condition")]
    [InlineData("[true]", "the expression is a value, not a condition")]
    public void Refuses(string text, string message)
    {
        var error = Assert.Throws<RuleException>(() => RuleExpression.Parse(text, RuleTarget.Database));
        Assert.Contains(message, error.Message);
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Theory]
    [InlineData("doc._openid == auth.openid", "'doc' is only available in database rules (use 'resource') at 0")]
    [InlineData("get('database.a.b').x == 1", "get() is only available in database rules at 0")]
    public void Refuses_storage(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<RuleException>(() => RuleExpression.Parse(text, RuleTarget.Storage)).Message);
    }

    [Fact]
    public void Length_limit_is_1024_characters()
    {
        var longest = "doc.a == '" + new string('x', 1013) + "'";
        Assert.Equal(1024, longest.Length);
        RuleExpression.Parse(longest, RuleTarget.Database);
        var error = Assert.Throws<RuleException>(() => RuleExpression.Parse(longest + " ", RuleTarget.Database));
        Assert.Equal("the expression is 1025 characters long; the limit is 1024", error.Message);
    }

    [Fact]
    public void Token_limit_is_256()
    {
        // "doc.a == 1" is 5 tokens, " || " one more: 42 terms make 251 tokens, then each "+ 1" adds 2.
        var terms = string.Join(" || ", Enumerable.Repeat("doc.a == 1", 42));
        RuleExpression.Parse(terms + " + 1 + 1", RuleTarget.Database);
        var error = Assert.Throws<RuleException>(() => RuleExpression.Parse(terms + " + 1 + 1 + 1", RuleTarget.Database));
        Assert.Equal("expression has more than 256 tokens", error.Message);
    }

    [Theory]
    [InlineData("(", ")", 32, true)]
    [InlineData("(", ")", 33, false)]
    [InlineData("!", "", 32, true)]
    [InlineData("!", "", 33, false)]
    [InlineData("[", "]", 33, false)]
    [InlineData("doc.a[", "]", 33, false)]
    [InlineData("(", ")", 120, false)]
    [InlineData("!", "", 250, false)]
    public void Nesting_limit_is_32_levels(string open, string close, int depth, bool accepted)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "true" + string.Concat(Enumerable.Repeat(close, depth));
        if (open == "[") text = "true == " + text;
        if (accepted)
        {
            RuleExpression.Parse(text, RuleTarget.Database);
            return;
        }
        var error = Assert.Throws<RuleException>(() => RuleExpression.Parse(text, RuleTarget.Database));
        Assert.Contains("expression nests deeper than 32 levels", error.Message);
    }

    [Fact]
    public void Exactly_three_get_calls_nested_twice_are_accepted()
    {
        RuleExpression.Parse("get('database.a.' + get('database.b.c').d).e == get('database.f.g').h", RuleTarget.Database);
    }
}
