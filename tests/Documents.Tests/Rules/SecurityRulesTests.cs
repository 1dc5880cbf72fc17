using ActorCloud.Documents.Rules;
using Xunit;

namespace ActorCloud.Documents.Tests.Rules;

/// <summary>Rule sets: what is saved, which rule each operation gets, and every refusal with the key it names.</summary>
public sealed class SecurityRulesTests
{
    [Theory]
    [InlineData("""{ "read" : true , "write" : "doc._openid == auth.openid" }""", """{"read":true,"write":"doc._openid == auth.openid"}""")]
    [InlineData("""{"write":false,"read":true}""", """{"write":false,"read":true}""")]
    [InlineData("""{}""", """{}""")]
    [InlineData("""{"read":"doc.a == \u0027x\u0027"}""", """{"read":"doc.a == \u0027x\u0027"}""")]
    [InlineData("""{"delete":false,"create":"auth != null","update":true,"read":true,"write":false}""", """{"delete":false,"create":"auth != null","update":true,"read":true,"write":false}""")]
    public void Saves_compact_json_in_the_given_order(string json, string saved)
    {
        Assert.Equal(saved, SecurityRules.Parse(json, RuleTarget.Database).Json);
    }

    [Theory]
    [InlineData("""{"read":true,"write":"auth != null","delete":false}""", RuleOperation.Read, "true")]
    [InlineData("""{"read":true,"write":"auth != null","delete":false}""", RuleOperation.Create, "auth != null")]
    [InlineData("""{"read":true,"write":"auth != null","delete":false}""", RuleOperation.Update, "auth != null")]
    [InlineData("""{"read":true,"write":"auth != null","delete":false}""", RuleOperation.Delete, "false")]
    [InlineData("""{"create":"auth != null"}""", RuleOperation.Create, "auth != null")]
    [InlineData("""{"create":"auth != null"}""", RuleOperation.Update, null)]
    [InlineData("""{"create":"auth != null"}""", RuleOperation.Read, null)]
    [InlineData("""{"update":"doc.a == 1","write":false}""", RuleOperation.Update, "doc.a == 1")]
    [InlineData("""{"update":"doc.a == 1","write":false}""", RuleOperation.Delete, "false")]
    [InlineData("""{}""", RuleOperation.Read, null)]
    [InlineData("""{}""", RuleOperation.Create, null)]
    [InlineData("""{}""", RuleOperation.Update, null)]
    [InlineData("""{}""", RuleOperation.Delete, null)]
    public void Database_writes_fall_back_to_write(string json, RuleOperation operation, string? expected)
    {
        Assert.Equal(expected, SecurityRules.Parse(json, RuleTarget.Database).For(operation)?.Text);
    }

    [Theory]
    [InlineData(RuleOperation.Read, "true")]
    [InlineData(RuleOperation.Create, "resource.openid == auth.openid")]
    [InlineData(RuleOperation.Update, "resource.openid == auth.openid")]
    [InlineData(RuleOperation.Delete, "resource.openid == auth.openid")]
    public void Storage_writes_all_use_write(RuleOperation operation, string expected)
    {
        var rules = SecurityRules.Parse("""{"read":true,"write":"resource.openid == auth.openid"}""", RuleTarget.Storage);
        Assert.Equal(expected, rules.For(operation)?.Text);
    }

    [Theory]
    [InlineData("""[]""", RuleTarget.Database, "must be a JSON object, not an array")]
    [InlineData("""true""", RuleTarget.Database, "must be a JSON object")]
    [InlineData("""nope""", RuleTarget.Database, "not valid JSON")]
    [InlineData("""{"read":true""", RuleTarget.Database, "not valid JSON")]
    [InlineData("", RuleTarget.Database, "not valid JSON")]
    [InlineData("""{"read":1}""", RuleTarget.Database, "rule 'read': must be true, false or an expression string, not a number")]
    [InlineData("""{"read":null}""", RuleTarget.Database, "rule 'read': must be true, false or an expression string, not null")]
    [InlineData("""{"write":{}}""", RuleTarget.Database, "rule 'write': must be true, false or an expression string, not an object")]
    [InlineData("""{"write":[true]}""", RuleTarget.Database, "rule 'write': must be true, false or an expression string, not an array")]
    [InlineData("""{"foo":true}""", RuleTarget.Database, "rule 'foo': unknown key; database rules allow read, write, create, update, delete")]
    [InlineData("""{"Read":true}""", RuleTarget.Database, "rule 'Read': unknown key")]
    [InlineData("""{"create":true}""", RuleTarget.Storage, "rule 'create': unknown key; storage rules allow read, write")]
    [InlineData("""{"read":true,"read":false}""", RuleTarget.Database, "rule 'read': the key appears twice")]
    [InlineData("""{"read":""}""", RuleTarget.Database, "rule 'read': the expression is empty")]
    [InlineData("""{"read":"   "}""", RuleTarget.Database, "rule 'read': the expression is empty")]
    [InlineData("""{"write":"doc._openid == foo"}""", RuleTarget.Database, "rule 'write': unknown identifier 'foo' at 15")]
    [InlineData("""{"read":true,"update":"doc.a = 1"}""", RuleTarget.Database, "rule 'update': unexpected '=' (use '==' to compare) at 6")]
    [InlineData("""{"write":"doc._openid == auth.openid"}""", RuleTarget.Storage, "rule 'write': 'doc' is only available in database rules")]
    [InlineData("""{"read":"resource.openid == auth.openid"}""", RuleTarget.Database, "rule 'read': 'resource' is only available in storage rules")]
    public void Refuses_with_the_key_and_the_problem(string json, RuleTarget target, string message)
    {
        var error = Assert.Throws<RuleException>(() => SecurityRules.Parse(json, target));
        Assert.Contains(message, error.Message);
        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }

    [Fact]
    public void Refuses_an_expression_longer_than_1024_characters()
    {
        var expression = "doc.a == '" + new string('x', 1015) + "'";
        Assert.Equal(1026, expression.Length);
        var error = Assert.Throws<RuleException>(() => SecurityRules.Parse($$"""{"read":"{{expression}}"}""", RuleTarget.Database));
        Assert.Contains("rule 'read': the expression is 1026 characters long; the limit is 1024", error.Message);
    }

    [Fact]
    public void Refuses_missing_json()
    {
        Assert.Throws<RuleException>(() => SecurityRules.Parse(null!, RuleTarget.Database));
    }
}
