using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Updates;

/// <summary>One refused update a line: operator document, input document, CloudBase code, a fragment of MongoDB's message.</summary>
public class UpdateErrorTests
{
    private const string Param = ErrorCodes.InvalidParam;
    private const string Operator = ErrorCodes.DatabaseInvalidOperator;
    private const string Failed = ErrorCodes.DatabaseRequestFailed;

    [Theory]
    // Refused when parsed.
    [InlineData("{}", "{_id: 1}", Param, "must not be empty")]
    [InlineData("{a: 1}", "{_id: 1}", Param, "Unknown modifier: a")]
    [InlineData("{$foo: {a: 1}}", "{_id: 1}", Operator, "$foo")]
    [InlineData("{$set: 1}", "{_id: 1}", Param, "Modifiers operate on fields")]
    [InlineData("{$set: {a: 1}, b: 1}", "{_id: 1}", Param, "mixes")]
    [InlineData("{$set: {a: 1}, $inc: {a: 1}}", "{_id: 1}", Param, "Updating the path 'a' would create a conflict at 'a'")]
    [InlineData("{$set: {a: 1, 'a.b': 1}}", "{_id: 1}", Param, "Updating the path 'a.b' would create a conflict at 'a'")]
    [InlineData("{$set: {'a.b': 1}, $unset: {a: 1}}", "{_id: 1}", Param, "Updating the path 'a' would create a conflict at 'a'")]
    [InlineData("{$set: {'a.b.c': 1}, $push: {'a.b': 1}}", "{_id: 1}", Param, "Updating the path 'a.b' would create a conflict at 'a.b'")]
    [InlineData("{$rename: {a: 'b'}, $set: {b: 1}}", "{_id: 1}", Param, "conflict at 'b'")]
    [InlineData("{$rename: {a: 'b'}, $set: {a: 1}}", "{_id: 1}", Param, "conflict at 'a'")]
    [InlineData("{$inc: {a: 'x'}}", "{_id: 1}", Param, "Cannot increment with non-numeric argument")]
    [InlineData("{$mul: {a: null}}", "{_id: 1}", Param, "Cannot multiply with non-numeric argument")]
    [InlineData("{$pop: {a: 2}}", "{_id: 1}", Param, "$pop expects 1 or -1")]
    [InlineData("{$pop: {a: 'x'}}", "{_id: 1}", Param, "Expected a number")]
    [InlineData("{$rename: {a: 1}}", "{_id: 1}", Param, "must be a string")]
    [InlineData("{$rename: {a: 'a'}}", "{_id: 1}", Param, "must differ")]
    [InlineData("{$rename: {a: 'a.b'}}", "{_id: 1}", Param, "must not be on the same path")]
    [InlineData("{$rename: {'a.b': 'a'}}", "{_id: 1}", Param, "must not be on the same path")]
    [InlineData("{$push: {a: {$slice: 1}}}", "{_id: 1}", Param, "require $each")]
    [InlineData("{$push: {a: {$each: 1}}}", "{_id: 1}", Param, "must be an array")]
    [InlineData("{$push: {a: {$each: [1], $slice: 1.5}}}", "{_id: 1}", Param, "$slice must be an integer")]
    [InlineData("{$push: {a: {$each: [1], $position: 'x'}}}", "{_id: 1}", Param, "$position must be an integer")]
    [InlineData("{$push: {a: {$each: [1], $sort: 2}}}", "{_id: 1}", Param, "either 1 or -1")]
    [InlineData("{$push: {a: {$each: [1], $sort: {}}}}", "{_id: 1}", Param, "$sort pattern is empty")]
    [InlineData("{$push: {a: {$each: [1], $sort: 'x'}}}", "{_id: 1}", Param, "$sort is invalid")]
    [InlineData("{$push: {a: {$each: [1], $foo: 1}}}", "{_id: 1}", Param, "Unrecognized clause in $push: $foo")]
    [InlineData("{$push: {a: {$each: [{$x: 1}]}}}", "{_id: 1}", Param, "not valid for storage")]
    [InlineData("{$set: {a: {$x: 1}}}", "{_id: 1}", Param, "The dollar ($) prefixed field '$x' in 'a.$x'")]
    [InlineData("{$set: {a: {b: {'': 1}}}}", "{_id: 1}", Param, "empty field name")]
    [InlineData("{$set: {a: [{'b.c': 1}]}}", "{_id: 1}", Param, "dotted field")]
    [InlineData("{$addToSet: {a: {$x: 1}}}", "{_id: 1}", Param, "not valid for storage")]
    [InlineData("{$set: {'a..b': 1}}", "{_id: 1}", Param, "empty segment")]
    [InlineData("{$set: {'a.$.b': 1}}", "{_id: 1}", Param, "not supported")]
    [InlineData("{$set: {'a.$[].b': 1}}", "{_id: 1}", Param, "not supported")]
    [InlineData("{$addToSet: {a: {$each: 1}}}", "{_id: 1}", Param, "must be an array")]
    [InlineData("{$addToSet: {a: {$each: [1], b: 2}}}", "{_id: 1}", Param, "unexpected fields after $each")]
    [InlineData("{$pullAll: {a: 1}}", "{_id: 1}", Param, "$pullAll requires an array argument")]
    [InlineData("{$currentDate: {a: 1}}", "{_id: 1}", Param, "not valid type for $currentDate")]
    [InlineData("{$currentDate: {a: {$type: 'clock'}}}", "{_id: 1}", Param, "not valid type for $currentDate")]
    [InlineData("{$bit: {a: {not: 1}}}", "{_id: 1}", Param, "only supports 'and', 'or', and 'xor'")]
    [InlineData("{$bit: {a: {and: 1.0}}}", "{_id: 1}", Param, "must be an Integer")]
    [InlineData("{$bit: {a: {}}}", "{_id: 1}", Param, "at least one bitwise operation")]
    // Refused when applied.
    [InlineData("{$set: {'a.b': 1}}", "{_id: 1, a: 1}", Failed, "Cannot create field 'b' in element {a: 1}")]
    [InlineData("{$set: {'a.b.c': 1}}", "{_id: 1, a: {b: 'x'}}", Failed, "Cannot create field 'c' in element {b: \"x\"}")]
    [InlineData("{$set: {'a.b': 1}}", "{_id: 1, a: [1]}", Failed, "Cannot create field 'b'")]
    [InlineData("{$set: {'a.0.b': 1}}", "{_id: 1, a: [null]}", Failed, "Cannot create field 'b' in element {0: null}")]
    [InlineData("{$set: {'a.2000000': 1}}", "{_id: 1, a: []}", Failed, "can't backfill")]
    [InlineData("{$inc: {a: 1}}", "{_id: 1, a: 'x'}", Failed, "Cannot apply $inc to a value of non-numeric type")]
    [InlineData("{$mul: {a: 2}}", "{_id: 1, a: [1]}", Failed, "Cannot apply $mul to a value of non-numeric type")]
    [InlineData("{$inc: {n: 1}}", "{_id: 1, n: {$numberLong: '9223372036854775807'}}", Failed, "Failed to apply $inc")]
    [InlineData("{$mul: {n: 2}}", "{_id: 1, n: {$numberLong: '9223372036854775807'}}", Failed, "Failed to apply $mul")]
    [InlineData("{$push: {a: 1}}", "{_id: 1, a: 1}", Failed, "The field 'a' must be an array but is of type int")]
    [InlineData("{$addToSet: {a: 1}}", "{_id: 1, a: 'x'}", Failed, "Cannot apply $addToSet to non-array field")]
    [InlineData("{$pull: {a: 1}}", "{_id: 1, a: 1}", Failed, "Cannot apply $pull to a non-array value")]
    [InlineData("{$pullAll: {a: [1]}}", "{_id: 1, a: {}}", Failed, "Cannot apply $pull to a non-array value")]
    [InlineData("{$pop: {a: 1}}", "{_id: 1, a: 1}", Failed, "non-array type")]
    [InlineData("{$bit: {n: {and: 1}}}", "{_id: 1, n: 1.5}", Failed, "non-integral type")]
    [InlineData("{$rename: {'a.0': 'b'}}", "{_id: 1, a: [1]}", Failed, "The source field cannot be an array element")]
    [InlineData("{$rename: {'a.x': 'b'}}", "{_id: 1, a: [{x: 1}]}", Failed, "The source field cannot be an array element")]
    [InlineData("{$rename: {a: 'b.0'}}", "{_id: 1, a: 1, b: [1]}", Failed, "The destination field cannot be an array element")]
    [InlineData("{$rename: {a: 'b.c'}}", "{_id: 1, a: 1, b: 2}", Failed, "Cannot create field 'c'")]
    // _id is immutable: any real change is refused, whatever the operator.
    [InlineData("{$set: {_id: 2}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$set: {_id: 1.0}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$unset: {_id: ''}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$rename: {_id: 'x'}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$rename: {x: '_id'}}", "{_id: 1, x: 2}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$inc: {_id: 1}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$set: {'_id.a': 1}}", "{_id: {a: 0}}", Failed, "would modify the immutable field '_id'")]
    [InlineData("{$max: {_id: 5}}", "{_id: 1}", Failed, "would modify the immutable field '_id'")]
    public void Refuses_update(string update, string input, string code, string message)
    {
        var original = BsonDocument.Parse(input);
        var before = original.ToJson();

        var error = Assert.Throws<DocumentException>(() => UpdateApplier.Apply(original, UpdateSpec.Parse(BsonDocument.Parse(update))));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, original.ToJson());
    }
}
