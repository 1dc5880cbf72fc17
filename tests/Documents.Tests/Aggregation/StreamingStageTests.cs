using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>One case a line: pipeline, input documents, expected output, for the stages that stream.</summary>
public sealed class StreamingStageTests
{
    [Theory]
    [InlineData("[{$match: {a: {$gt: 1}}}]", "[{_id: 1, a: 1}, {_id: 2, a: 2}, {_id: 3}]", "[{_id: 2, a: 2}]")]
    [InlineData("[{$match: {}}]", "[{_id: 1}, {_id: 2}]", "[{_id: 1}, {_id: 2}]")]
    [InlineData("[{$match: {tags: 'x'}}]", "[{_id: 1, tags: ['x', 'y']}, {_id: 2, tags: ['y']}]", "[{_id: 1, tags: ['x', 'y']}]")]
    [InlineData("[{$match: {$expr: {$gt: ['$a', '$b']}}}]", "[{_id: 1, a: 2, b: 1}, {_id: 2, a: 1, b: 2}]", "[{_id: 1, a: 2, b: 1}]")]
    [InlineData("[{$match: {a: 1}}, {$match: {b: 1}}]", "[{_id: 1, a: 1, b: 1}, {_id: 2, a: 1, b: 2}]", "[{_id: 1, a: 1, b: 1}]")]
    public void Match(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    // Inclusion keeps _id unless excluded, and keeps the input's field order.
    [InlineData("[{$project: {a: 1}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, a: 1}]")]
    [InlineData("[{$project: {b: true, a: 1}}]", "[{_id: 1, a: 1, b: 2, c: 3}]", "[{_id: 1, a: 1, b: 2}]")]
    [InlineData("[{$project: {_id: 0, a: 1}}]", "[{_id: 1, a: 1, b: 2}]", "[{a: 1}]")]
    [InlineData("[{$project: {_id: 1}}]", "[{_id: 1, a: 1}]", "[{_id: 1}]")]
    [InlineData("[{$project: {missing: 1}}]", "[{_id: 1, a: 1}]", "[{_id: 1}]")]
    // Exclusion, _id alone included.
    [InlineData("[{$project: {b: 0}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, a: 1}]")]
    [InlineData("[{$project: {_id: 0}}]", "[{_id: 1, a: 1, b: 2}]", "[{a: 1, b: 2}]")]
    [InlineData("[{$project: {b: 0, _id: 1}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, a: 1}]")]
    // Computed fields follow the included ones, in specification order; missing results are left out.
    [InlineData("[{$project: {sum: {$add: ['$a', '$b']}, a: 1}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, a: 1, sum: 3}]")]
    [InlineData("[{$project: {_id: 0, x: '$a', s: 'text', n: {$literal: 1}}}]", "[{_id: 1, a: 5}]", "[{x: 5, s: 'text', n: 1}]")]
    [InlineData("[{$project: {_id: 0, x: '$nope'}}]", "[{_id: 1}]", "[{}]")]
    [InlineData("[{$project: {_id: 0, a: 1, b: {$cond: [{$gt: ['$a', 1]}, '$a', '$$REMOVE']}}}]", "[{_id: 1, a: 1}, {_id: 2, a: 2}]",
        "[{a: 1}, {a: 2, b: 2}]")]
    [InlineData("[{$project: {_id: 0, doc: '$$ROOT'}}]", "[{_id: 1, a: 1}]", "[{doc: {_id: 1, a: 1}}]")]
    [InlineData("[{$project: {_id: '$a'}}]", "[{_id: 1, a: 'k'}]", "[{_id: 'k'}]")]
    // Dot paths and sub-objects, through arrays of sub-documents.
    [InlineData("[{$project: {'a.b': 1}}]", "[{_id: 1, a: {b: 1, c: 2}}]", "[{_id: 1, a: {b: 1}}]")]
    [InlineData("[{$project: {a: {b: 1}}}]", "[{_id: 1, a: {b: 1, c: 2}}]", "[{_id: 1, a: {b: 1}}]")]
    [InlineData("[{$project: {'a.b': 1}}]", "[{_id: 1, a: [{b: 1, c: 2}, 3, {c: 1}]}]", "[{_id: 1, a: [{b: 1}, {}]}]")]
    [InlineData("[{$project: {'a.b': 0}}]", "[{_id: 1, a: [{b: 1, c: 2}, 3]}]", "[{_id: 1, a: [{c: 2}, 3]}]")]
    [InlineData("[{$project: {_id: 0, 'a.c': '$x'}}]", "[{_id: 1, x: 5, a: {b: 1}}]", "[{a: {c: 5}}]")]
    [InlineData("[{$project: {_id: 0, 'a.b': 1, 'a.c': '$x'}}]", "[{_id: 1, x: 5, a: [{b: 1, d: 0}, {b: 2}]}]", "[{a: [{b: 1, c: 5}, {b: 2, c: 5}]}]")]
    [InlineData("[{$project: {_id: 0, 'a.b': {$literal: 1}}}]", "[{_id: 1, a: 5}]", "[{a: {b: 1}}]")]
    public void Project(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    [InlineData("[{$addFields: {c: {$add: ['$a', 1]}}}]", "[{_id: 1, a: 1}]", "[{_id: 1, a: 1, c: 2}]")]
    [InlineData("[{$set: {a: 'x'}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, a: 'x', b: 2}]")]
    [InlineData("[{$addFields: {n: 1, t: true, z: 0}}]", "[{_id: 1}]", "[{_id: 1, n: 1, t: true, z: 0}]")]
    [InlineData("[{$addFields: {'s.f': 'd'}}]", "[{_id: 1, s: {e: 1}}]", "[{_id: 1, s: {e: 1, f: 'd'}}]")]
    [InlineData("[{$set: {s: {f: 'd'}}}]", "[{_id: 1, s: {e: 1}}]", "[{_id: 1, s: {e: 1, f: 'd'}}]")]
    [InlineData("[{$addFields: {'a.k': 0}}]", "[{_id: 1, a: [{x: 1}, {x: 2}]}]", "[{_id: 1, a: [{x: 1, k: 0}, {x: 2, k: 0}]}]")]
    [InlineData("[{$addFields: {a: '$$REMOVE'}}]", "[{_id: 1, a: 1, b: 2}]", "[{_id: 1, b: 2}]")]
    [InlineData("[{$addFields: {e: {}}}]", "[{_id: 1}]", "[{_id: 1, e: {}}]")]
    // Every expression sees the input document, not the fields written before it.
    [InlineData("[{$addFields: {a: 10, b: '$a'}}]", "[{_id: 1, a: 1}]", "[{_id: 1, a: 10, b: 1}]")]
    [InlineData("[{$addFields: {a: 10}}, {$addFields: {b: '$a'}}]", "[{_id: 1, a: 1}]", "[{_id: 1, a: 10, b: 10}]")]
    public void AddFields(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    [InlineData("[{$replaceRoot: {newRoot: '$inner'}}]", "[{_id: 1, inner: {x: 1}}]", "[{x: 1}]")]
    [InlineData("[{$replaceWith: {$mergeObjects: [{d: 0}, '$inner']}}]", "[{_id: 1, inner: {x: 1}}]", "[{d: 0, x: 1}]")]
    [InlineData("[{$replaceWith: '$$ROOT'}]", "[{_id: 1}]", "[{_id: 1}]")]
    public void ReplaceRoot(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    [InlineData("[{_id: 1, x: 1}]")]
    [InlineData("[{_id: 1}]")]
    [InlineData("[{_id: 1, x: [{a: 1}]}]")]
    public void ReplaceRoot_refuses_a_non_object_root(string input)
    {
        var error = FailsWhileRunning("[{$replaceRoot: {newRoot: '$x'}}]", DocumentList(input), ErrorCodes.InvalidParam);

        Assert.Contains("$replaceRoot", error.Message);
    }

    [Theory]
    [InlineData("[{$unwind: '$s'}]", "[{_id: 1, s: ['a', 'b']}]", "[{_id: 1, s: 'a'}, {_id: 1, s: 'b'}]")]
    [InlineData("[{$unwind: '$s'}]", "[{_id: 1, s: 'x'}]", "[{_id: 1, s: 'x'}]")]
    [InlineData("[{$unwind: '$s'}]", "[{_id: 1, s: null}, {_id: 2}, {_id: 3, s: []}]", "[]")]
    [InlineData("[{$unwind: {path: '$s', preserveNullAndEmptyArrays: true}}]", "[{_id: 1, s: null}, {_id: 2}, {_id: 3, s: []}, {_id: 4, s: [1]}]",
        "[{_id: 1, s: null}, {_id: 2}, {_id: 3}, {_id: 4, s: 1}]")]
    [InlineData("[{$unwind: {path: '$s', preserveNullAndEmptyArrays: false}}]", "[{_id: 1, s: []}, {_id: 2, s: [[1, 2]]}]", "[{_id: 2, s: [1, 2]}]")]
    [InlineData("[{$unwind: {path: '$s', includeArrayIndex: 'i'}}]", "[{_id: 1, s: ['a', 'b']}, {_id: 2, s: 'x'}]",
        "[{_id: 1, s: 'a', i: {$numberLong: '0'}}, {_id: 1, s: 'b', i: {$numberLong: '1'}}, {_id: 2, s: 'x', i: null}]")]
    [InlineData("[{$unwind: {path: '$s', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true}}]", "[{_id: 1}]", "[{_id: 1, i: null}]")]
    [InlineData("[{$unwind: '$a.b'}]", "[{_id: 1, a: {b: [1, 2], c: 3}}]", "[{_id: 1, a: {b: 1, c: 3}}, {_id: 1, a: {b: 2, c: 3}}]")]
    // The path does not reach through arrays.
    [InlineData("[{$unwind: '$a.b'}]", "[{_id: 1, a: [{b: [1, 2]}]}]", "[]")]
    [InlineData("[{$unwind: '$a'}, {$unwind: '$a'}]", "[{_id: 1, a: [[1, 2], 3]}]", "[{_id: 1, a: 1}, {_id: 1, a: 2}, {_id: 1, a: 3}]")]
    public void Unwind(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    [InlineData("[{$skip: 1}, {$limit: 2}]", "[{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}]", "[{_id: 2}, {_id: 3}]")]
    [InlineData("[{$limit: 2}, {$skip: 1}]", "[{_id: 1}, {_id: 2}, {_id: 3}, {_id: 4}]", "[{_id: 2}]")]
    [InlineData("[{$skip: 0}]", "[{_id: 1}, {_id: 2}]", "[{_id: 1}, {_id: 2}]")]
    [InlineData("[{$skip: 10}]", "[{_id: 1}, {_id: 2}]", "[]")]
    [InlineData("[{$limit: 5.0}]", "[{_id: 1}, {_id: 2}]", "[{_id: 1}, {_id: 2}]")]
    [InlineData("[{$limit: {$numberLong: '1'}}]", "[{_id: 1}, {_id: 2}]", "[{_id: 1}]")]
    [InlineData("[{$skip: {$numberDecimal: '1'}}]", "[{_id: 1}, {_id: 2}]", "[{_id: 2}]")]
    public void Skip_and_limit(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Fact]
    public void Stages_never_modify_their_input()
    {
        var input = DocumentList("[{_id: 1, a: {b: [1, 2]}, s: ['x'], loc: {type: 'Point', coordinates: [1, 2]}}]");
        var before = Json(input);
        const string pipeline = """
            [{$geoNear: {near: [1, 2], distanceField: 'a.d', includeLocs: 'a.l'}},
             {$addFields: {'a.c': 1}}, {$set: {'a.b': 0}}, {$unwind: {path: '$s', includeArrayIndex: 'a.i'}},
             {$lookup: {from: 'none', localField: 'a.b', foreignField: 'x', as: 'a.j'}}, {$project: {'a.b': 0}}]
            """;

        var output = Run(pipeline, input);

        Assert.Single(output);
        Assert.Equal(before, Json(input));
    }
}
