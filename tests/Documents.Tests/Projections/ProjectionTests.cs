using ActorCloud.Documents.Projections;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Xunit;

namespace ActorCloud.Documents.Tests.Projections;

/// <summary>One projection a line: projection, input document, expected document (compared as canonical EJSON).</summary>
public class ProjectionTests
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };

    [Theory]
    // Inclusion and exclusion, _id by default, numbers as int32 or double, booleans.
    [InlineData("{title: 1}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{title: 1.0}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{title: true, _id: false}", "{_id: 1, title: 'a', desc: 'd'}", "{title: 'a'}")]
    [InlineData("{title: 1, _id: 0}", "{_id: 1, title: 'a', desc: 'd'}", "{title: 'a'}")]
    [InlineData("{desc: 0}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{desc: 0.0}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{desc: false}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{_id: 0}", "{_id: 1, title: 'a', desc: 'd'}", "{title: 'a', desc: 'd'}")]
    [InlineData("{_id: 1}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1}")]
    [InlineData("{_id: 1, desc: 0}", "{_id: 1, title: 'a', desc: 'd'}", "{_id: 1, title: 'a'}")]
    [InlineData("{missing: 1}", "{_id: 1, title: 'a'}", "{_id: 1}")]
    [InlineData("{b: 1, a: 1}", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, a: 1, b: 2}")]
    // Dot paths through sub-documents and arrays of sub-documents.
    [InlineData("{'a.b': 1}", "{_id: 1, a: {b: 1, c: 2}, x: 1}", "{_id: 1, a: {b: 1}}")]
    [InlineData("{a: {b: 1}}", "{_id: 1, a: {b: 1, c: 2}, x: 1}", "{_id: 1, a: {b: 1}}")]
    [InlineData("{'a.b': 1, 'a.c': 1}", "{_id: 1, a: {d: 0, c: 2, b: 1}}", "{_id: 1, a: {c: 2, b: 1}}")]
    [InlineData("{'a.b': 1}", "{_id: 1, a: [{b: 1, c: 2}, 3, {c: 1}, [{b: 2}]]}", "{_id: 1, a: [{b: 1}, {}, [{b: 2}]]}")]
    [InlineData("{'a.b': 1}", "{_id: 1, a: 5}", "{_id: 1}")]
    [InlineData("{'a.b': 0}", "{_id: 1, a: [{b: 1, c: 2}, 3], x: 1}", "{_id: 1, a: [{c: 2}, 3], x: 1}")]
    [InlineData("{'a.b.c': 0}", "{_id: 1, a: {b: {c: 1, d: 2}}}", "{_id: 1, a: {b: {d: 2}}}")]
    [InlineData("{'a.b': 0}", "{_id: 1, a: 5}", "{_id: 1, a: 5}")]
    // $slice: count, negative count, [skip, limit] with negative skip; only $slice keeps the rest of the document.
    [InlineData("{arr: {$slice: 2}}", "{_id: 1, arr: [1, 2, 3], x: 1}", "{_id: 1, arr: [1, 2], x: 1}")]
    [InlineData("{arr: {$slice: 2.0}}", "{_id: 1, arr: [1, 2, 3], x: 1}", "{_id: 1, arr: [1, 2], x: 1}")]
    [InlineData("{arr: {$slice: -2}}", "{_id: 1, arr: [1, 2, 3]}", "{_id: 1, arr: [2, 3]}")]
    [InlineData("{arr: {$slice: -5}}", "{_id: 1, arr: [1, 2, 3]}", "{_id: 1, arr: [1, 2, 3]}")]
    [InlineData("{arr: {$slice: 0}}", "{_id: 1, arr: [1, 2]}", "{_id: 1, arr: []}")]
    [InlineData("{arr: {$slice: [1, 2]}}", "{_id: 1, arr: [1, 2, 3, 4]}", "{_id: 1, arr: [2, 3]}")]
    [InlineData("{arr: {$slice: [-3, 2]}}", "{_id: 1, arr: [1, 2, 3, 4]}", "{_id: 1, arr: [2, 3]}")]
    [InlineData("{arr: {$slice: [-10, 2]}}", "{_id: 1, arr: [1, 2, 3, 4]}", "{_id: 1, arr: [1, 2]}")]
    [InlineData("{arr: {$slice: [10, 2]}}", "{_id: 1, arr: [1, 2, 3]}", "{_id: 1, arr: []}")]
    [InlineData("{arr: {$slice: [2, 10]}}", "{_id: 1, arr: [1, 2, 3]}", "{_id: 1, arr: [3]}")]
    [InlineData("{arr: {$slice: 1}}", "{_id: 1, arr: 'x'}", "{_id: 1, arr: 'x'}")]
    [InlineData("{title: 1, arr: {$slice: [1, 1]}}", "{_id: 1, title: 't', arr: [1, 2, 3], z: 0}", "{_id: 1, title: 't', arr: [2]}")]
    [InlineData("{desc: 0, arr: {$slice: 1}}", "{_id: 1, desc: 'd', arr: [1, 2], z: 0}", "{_id: 1, arr: [1], z: 0}")]
    [InlineData("{'a.b': {$slice: 1}}", "{_id: 1, a: [{b: [1, 2], c: 1}], d: 1}", "{_id: 1, a: [{b: [1], c: 1}], d: 1}")]
    [InlineData("{title: 1, desc: 1, arr: {$slice: [1, 2]}}", "{_id: 1, title: 't', desc: 'd', arr: [1, 2, 3, 4], x: 1}",
        "{_id: 1, title: 't', desc: 'd', arr: [2, 3]}")]
    // $elemMatch: first matching element only, omitted when none, placed after the other fields.
    [InlineData("{arr: {$elemMatch: {x: {$gt: 1}}}}", "{_id: 1, arr: [{x: 1}, {x: 2}, {x: 3}], y: 1}", "{_id: 1, arr: [{x: 2}]}")]
    [InlineData("{arr: {$elemMatch: {$gt: 5}}}", "{_id: 1, arr: [1, 7, 9]}", "{_id: 1, arr: [7]}")]
    [InlineData("{arr: {$elemMatch: {x: 9}}}", "{_id: 1, arr: [{x: 1}]}", "{_id: 1}")]
    [InlineData("{arr: {$elemMatch: {x: 9}}}", "{_id: 1, arr: 'x'}", "{_id: 1}")]
    [InlineData("{arr: {$elemMatch: {x: 1}}, y: 1}", "{_id: 1, arr: [{x: 1}], y: 2, z: 3}", "{_id: 1, y: 2, arr: [{x: 1}]}")]
    [InlineData("{z: 0, arr: {$elemMatch: {x: 1}}}", "{_id: 1, arr: [{x: 1}, {x: 1, k: 2}], y: 2, z: 3}", "{_id: 1, y: 2, arr: [{x: 1}]}")]
    [InlineData("{arr: {$elemMatch: {x: 1}}, _id: 0}", "{_id: 1, arr: [{x: 2}, {x: 1, k: 2}], y: 2}", "{arr: [{x: 1, k: 2}]}")]
    public void Projects(string projection, string input, string expected)
    {
        var original = BsonDocument.Parse(input);
        var before = original.ToJson(Canonical);

        var result = Projection.Compile(BsonDocument.Parse(projection)).Apply(original);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(Canonical), result.ToJson(Canonical));
        Assert.Equal(before, original.ToJson(Canonical));
    }

    [Theory]
    [InlineData("{a: 1, b: 0}", ErrorCodes.InvalidParam, "Cannot do exclusion on field b in inclusion projection")]
    [InlineData("{b: 0, a: 1}", ErrorCodes.InvalidParam, "Cannot do inclusion on field a in exclusion projection")]
    [InlineData("{a: {b: 1, c: 0}}", ErrorCodes.InvalidParam, "Cannot do exclusion on field c in inclusion projection")]
    [InlineData("{a: {$foo: 1}}", ErrorCodes.DatabaseInvalidOperator, "$foo")]
    [InlineData("{a: {$meta: 'textScore'}}", ErrorCodes.DatabaseInvalidOperator, "$meta")]
    [InlineData("{a: {$slice: 'x'}}", ErrorCodes.InvalidParam, "$slice only supports numbers and [skip, limit] arrays")]
    [InlineData("{a: {$slice: [1, 0]}}", ErrorCodes.InvalidParam, "$slice limit must be positive")]
    [InlineData("{a: {$slice: [1]}}", ErrorCodes.InvalidParam, "[skip, limit]")]
    [InlineData("{a: {$slice: ['x', 1]}}", ErrorCodes.InvalidParam, "skip argument to be a number")]
    [InlineData("{'a.b': {$elemMatch: {x: 1}}}", ErrorCodes.InvalidParam, "Cannot use $elemMatch projection on a nested field.")]
    [InlineData("{a: {b: {$elemMatch: {x: 1}}}}", ErrorCodes.InvalidParam, "Cannot use $elemMatch projection on a nested field.")]
    [InlineData("{a: {$elemMatch: 1}}", ErrorCodes.InvalidParam, "object required")]
    [InlineData("{a: 1, 'a.b': 1}", ErrorCodes.InvalidParam, "Path collision at a.b")]
    [InlineData("{'a.b': 1, a: 1}", ErrorCodes.InvalidParam, "Path collision at a")]
    [InlineData("{a: 'x'}", ErrorCodes.InvalidParam, "literal values are not supported")]
    [InlineData("{'a.$': 1}", ErrorCodes.InvalidParam, "positional projection")]
    [InlineData("{a: {}}", ErrorCodes.InvalidParam, "empty sub-projection")]
    [InlineData("{'a..b': 1}", ErrorCodes.InvalidParam, "empty segment")]
    public void Refuses_projection(string projection, string code, string message)
    {
        var error = Assert.Throws<DocumentException>(() => Projection.Compile(BsonDocument.Parse(projection)));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_or_empty_projection_returns_an_equal_new_document()
    {
        var original = BsonDocument.Parse("{_id: 1, a: {b: 1}}");

        foreach (var projection in new[] { Projection.Compile(null), Projection.Compile(new BsonDocument()) })
        {
            Assert.True(projection.IsIdentity);
            var result = projection.Apply(original);
            Assert.NotSame(original, result);
            Assert.Equal(original, result);
        }
    }
}
