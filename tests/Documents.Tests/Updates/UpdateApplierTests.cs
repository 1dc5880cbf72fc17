using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Xunit;

namespace ActorCloud.Documents.Tests.Updates;

/// <summary>One update a line: operator document, input document, expected document (compared as canonical EJSON, so types count).</summary>
public class UpdateApplierTests
{
    private static readonly JsonWriterSettings Canonical = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };

    [Theory]
    // $set: new and existing fields, dot paths, array indexes, padding, whole sub-documents, creation order.
    [InlineData("{$set: {a: 1}}", "{_id: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$set: {a: 2}}", "{_id: 1, a: 1, b: 1}", "{_id: 1, a: 2, b: 1}")]
    [InlineData("{$set: {'b.c': 2}}", "{_id: 1}", "{_id: 1, b: {c: 2}}")]
    [InlineData("{$set: {'b.c.d': 2}}", "{_id: 1, b: {x: 1}}", "{_id: 1, b: {x: 1, c: {d: 2}}}")]
    [InlineData("{$set: {'a.1': 9}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 9, 3]}")]
    [InlineData("{$set: {'a.4': 9}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, null, null, null, 9]}")]
    [InlineData("{$set: {'a.0.b': 5}}", "{_id: 1, a: [{b: 1}, {b: 2}]}", "{_id: 1, a: [{b: 5}, {b: 2}]}")]
    [InlineData("{$set: {'a.2.b': 5}}", "{_id: 1, a: []}", "{_id: 1, a: [null, null, {b: 5}]}")]
    [InlineData("{$set: {'a.b': 5}}", "{_id: 1, a: {}}", "{_id: 1, a: {b: 5}}")]
    [InlineData("{$set: {d: {e: 3}}}", "{_id: 1, d: {x: 1}}", "{_id: 1, d: {e: 3}}")]
    [InlineData("{$set: {z: 1, a: 1, m: 1}}", "{_id: 1}", "{_id: 1, a: 1, m: 1, z: 1}")]
    [InlineData("{$set: {'a.10': 1, 'a.9': 2}}", "{_id: 1, a: [0]}", "{_id: 1, a: [0, null, null, null, null, null, null, null, null, 2, 1]}")]
    [InlineData("{$set: {a: 1.0}}", "{_id: 1, a: 1}", "{_id: 1, a: 1.0}")]
    [InlineData("{$set: {a: 1}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$set: {_id: 1}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$set: {when: {$date: {$numberLong: '5'}}, re: {$regularExpression: {pattern: 'a', options: 'i'}}}}", "{_id: 1}",
        "{_id: 1, re: {$regularExpression: {pattern: 'a', options: 'i'}}, when: {$date: {$numberLong: '5'}}}")]
    [InlineData("{$setOnInsert: {a: 1}, $set: {b: 1}}", "{_id: 1}", "{_id: 1, b: 1}")]
    // $unset: fields, missing paths, array elements become null, paths through scalars or arrays do nothing.
    [InlineData("{$unset: {a: ''}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}")]
    [InlineData("{$unset: {x: ''}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$unset: {'a.b': 1}}", "{_id: 1, a: {b: 1, c: 2}}", "{_id: 1, a: {c: 2}}")]
    [InlineData("{$unset: {'a.1': 1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, null, 3]}")]
    [InlineData("{$unset: {'a.5': 1}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1]}")]
    [InlineData("{$unset: {'a.b': 1}}", "{_id: 1, a: 5}", "{_id: 1, a: 5}")]
    [InlineData("{$unset: {'a.b': 1}}", "{_id: 1, a: [{b: 1}]}", "{_id: 1, a: [{b: 1}]}")]
    // $inc: type promotion, int32 overflow to int64, missing fields.
    [InlineData("{$inc: {n: 1}}", "{_id: 1, n: 1}", "{_id: 1, n: 2}")]
    [InlineData("{$inc: {n: 1}}", "{_id: 1}", "{_id: 1, n: 1}")]
    [InlineData("{$inc: {n: {$numberLong: '3'}}}", "{_id: 1}", "{_id: 1, n: {$numberLong: '3'}}")]
    [InlineData("{$inc: {n: 1}}", "{_id: 1, n: 2147483647}", "{_id: 1, n: {$numberLong: '2147483648'}}")]
    [InlineData("{$inc: {n: -1}}", "{_id: 1, n: -2147483648}", "{_id: 1, n: {$numberLong: '-2147483649'}}")]
    [InlineData("{$inc: {n: 1.5}}", "{_id: 1, n: 1}", "{_id: 1, n: 2.5}")]
    [InlineData("{$inc: {n: 0.5}}", "{_id: 1, n: {$numberLong: '2'}}", "{_id: 1, n: 2.5}")]
    [InlineData("{$inc: {n: {$numberLong: '1'}}}", "{_id: 1, n: 1}", "{_id: 1, n: {$numberLong: '2'}}")]
    [InlineData("{$inc: {n: 1}}", "{_id: 1, n: {$numberLong: '5'}}", "{_id: 1, n: {$numberLong: '6'}}")]
    [InlineData("{$inc: {n: 1}}", "{_id: 1, n: {$numberDecimal: '1.5'}}", "{_id: 1, n: {$numberDecimal: '2.5'}}")]
    [InlineData("{$inc: {n: 0}}", "{_id: 1, n: 7}", "{_id: 1, n: 7}")]
    [InlineData("{$inc: {'a.b': 2}}", "{_id: 1}", "{_id: 1, a: {b: 2}}")]
    [InlineData("{$inc: {'a.1': 2}}", "{_id: 1, a: [1, 1]}", "{_id: 1, a: [1, 3]}")]
    // $mul: missing field becomes zero of the operand's type.
    [InlineData("{$mul: {n: 3}}", "{_id: 1, n: 2}", "{_id: 1, n: 6}")]
    [InlineData("{$mul: {n: 2}}", "{_id: 1}", "{_id: 1, n: 0}")]
    [InlineData("{$mul: {n: 2.5}}", "{_id: 1}", "{_id: 1, n: 0.0}")]
    [InlineData("{$mul: {n: {$numberLong: '2'}}}", "{_id: 1}", "{_id: 1, n: {$numberLong: '0'}}")]
    [InlineData("{$mul: {n: 65536}}", "{_id: 1, n: 65536}", "{_id: 1, n: {$numberLong: '4294967296'}}")]
    [InlineData("{$mul: {n: 1.5}}", "{_id: 1, n: 2}", "{_id: 1, n: 3.0}")]
    [InlineData("{$mul: {n: {$numberDecimal: '0.5'}}}", "{_id: 1, n: 3}", "{_id: 1, n: {$numberDecimal: '1.5'}}")]
    // $min / $max in the BSON order.
    [InlineData("{$min: {n: 1}}", "{_id: 1, n: 5}", "{_id: 1, n: 1}")]
    [InlineData("{$min: {n: 9}}", "{_id: 1, n: 5}", "{_id: 1, n: 5}")]
    [InlineData("{$max: {n: 9}}", "{_id: 1, n: 5}", "{_id: 1, n: 9}")]
    [InlineData("{$max: {n: 1}}", "{_id: 1}", "{_id: 1, n: 1}")]
    [InlineData("{$max: {n: 5.0}}", "{_id: 1, n: 5}", "{_id: 1, n: 5}")]
    [InlineData("{$max: {n: 'a'}}", "{_id: 1, n: 5}", "{_id: 1, n: 'a'}")]
    [InlineData("{$min: {n: null}}", "{_id: 1, n: 5}", "{_id: 1, n: null}")]
    [InlineData("{$min: {d: {$date: {$numberLong: '0'}}}}", "{_id: 1, d: {$date: {$numberLong: '1000'}}}", "{_id: 1, d: {$date: {$numberLong: '0'}}}")]
    // $rename.
    [InlineData("{$rename: {a: 'b'}}", "{_id: 1, a: 1, c: 2}", "{_id: 1, c: 2, b: 1}")]
    [InlineData("{$rename: {a: 'b'}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 1}")]
    [InlineData("{$rename: {x: 'b'}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$rename: {'a.b': 'c.d'}}", "{_id: 1, a: {b: 1, e: 2}}", "{_id: 1, a: {e: 2}, c: {d: 1}}")]
    [InlineData("{$rename: {a: 'b'}}", "{_id: 1, a: [1, {x: 2}]}", "{_id: 1, b: [1, {x: 2}]}")]
    // $push with $each, $position (negative from the end), $sort, $slice, in MongoDB's order.
    [InlineData("{$push: {a: 3}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, 3]}")]
    [InlineData("{$push: {a: 3}}", "{_id: 1}", "{_id: 1, a: [3]}")]
    [InlineData("{$push: {a: [3, 4]}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, [3, 4]]}")]
    [InlineData("{$push: {a: {x: 1}}}", "{_id: 1, a: []}", "{_id: 1, a: [{x: 1}]}")]
    [InlineData("{$push: {a: {$each: [3, 4]}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, 3, 4]}")]
    [InlineData("{$push: {a: {$each: [0, -1], $position: 0}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [0, -1, 1, 2]}")]
    [InlineData("{$push: {a: {$each: [9], $position: -1}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 2, 9, 3]}")]
    [InlineData("{$push: {a: {$each: [9], $position: -10}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [9, 1, 2]}")]
    [InlineData("{$push: {a: {$each: [9], $position: 10}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, 9]}")]
    [InlineData("{$push: {a: {$each: [5, 1], $sort: 1}}}", "{_id: 1, a: [3]}", "{_id: 1, a: [1, 3, 5]}")]
    [InlineData("{$push: {a: {$each: [5, 1], $sort: -1}}}", "{_id: 1, a: [3]}", "{_id: 1, a: [5, 3, 1]}")]
    [InlineData("{$push: {a: {$each: [2, 'x', null], $sort: 1}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [null, 1, 2, 'x']}")]
    [InlineData("{$push: {a: {$each: [4, 5], $slice: 3}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 2, 3]}")]
    [InlineData("{$push: {a: {$each: [4, 5], $slice: -3}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [3, 4, 5]}")]
    [InlineData("{$push: {a: {$each: [], $slice: 0}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: []}")]
    [InlineData("{$push: {a: {$each: [4, 5], $position: 1, $sort: -1, $slice: 2}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [5, 4]}")]
    [InlineData("{$push: {a: {$each: [9, 8], $position: 1, $slice: 3}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 9, 8]}")]
    [InlineData("{$push: {a: {$each: [{s: 2}, {s: 1}], $sort: {s: 1}}}}", "{_id: 1, a: [{s: 3}]}", "{_id: 1, a: [{s: 1}, {s: 2}, {s: 3}]}")]
    [InlineData("{$push: {a: {$each: [{s: 1, t: 2}], $sort: {t: -1, s: 1}}}}", "{_id: 1, a: [{s: 2, t: 2}, {s: 0, t: 1}]}",
        "{_id: 1, a: [{s: 1, t: 2}, {s: 2, t: 2}, {s: 0, t: 1}]}")]
    [InlineData("{$push: {a: {$each: [{k: 1, n: 'x'}], $sort: {k: 1}}}}", "{_id: 1, a: [{k: 1, n: 'a'}, {k: 0, n: 'b'}]}",
        "{_id: 1, a: [{k: 0, n: 'b'}, {k: 1, n: 'a'}, {k: 1, n: 'x'}]}")]
    [InlineData("{$push: {a: {$each: [{v: 1}, 5], $sort: {v: -1}}}}", "{_id: 1, a: [{v: 0}]}", "{_id: 1, a: [{v: 1}, {v: 0}, 5]}")]
    [InlineData("{$push: {a: {$each: []}}}", "{_id: 1}", "{_id: 1, a: []}")]
    [InlineData("{$push: {a: {$each: []}}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1]}")]
    [InlineData("{$push: {'a.b': 1}}", "{_id: 1, a: {}}", "{_id: 1, a: {b: [1]}}")]
    // $pop.
    [InlineData("{$pop: {a: 1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 2]}")]
    [InlineData("{$pop: {a: -1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [2, 3]}")]
    [InlineData("{$pop: {a: 1.0}}", "{_id: 1, a: [1]}", "{_id: 1, a: []}")]
    [InlineData("{$pop: {a: 1}}", "{_id: 1, a: []}", "{_id: 1, a: []}")]
    [InlineData("{$pop: {a: 1}}", "{_id: 1}", "{_id: 1}")]
    // $addToSet with BSON equality: numbers by value, documents only with the same field order.
    [InlineData("{$addToSet: {a: 3}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, 3]}")]
    [InlineData("{$addToSet: {a: 2}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2]}")]
    [InlineData("{$addToSet: {a: 2.0}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2]}")]
    [InlineData("{$addToSet: {a: {$each: [2, 3, 3, 4]}}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, 3, 4]}")]
    [InlineData("{$addToSet: {a: {x: 1, y: 2}}}", "{_id: 1, a: [{y: 2, x: 1}]}", "{_id: 1, a: [{y: 2, x: 1}, {x: 1, y: 2}]}")]
    [InlineData("{$addToSet: {a: {x: 1, y: 2}}}", "{_id: 1, a: [{x: 1, y: 2}]}", "{_id: 1, a: [{x: 1, y: 2}]}")]
    [InlineData("{$addToSet: {a: 1}}", "{_id: 1}", "{_id: 1, a: [1]}")]
    [InlineData("{$addToSet: {a: {$each: [1, 1]}}}", "{_id: 1}", "{_id: 1, a: [1]}")]
    [InlineData("{$addToSet: {a: [1, 2]}}", "{_id: 1, a: [1, 2]}", "{_id: 1, a: [1, 2, [1, 2]]}")]
    // $pull by value, by operator condition, by field condition, by regex.
    [InlineData("{$pull: {a: 2}}", "{_id: 1, a: [1, 2, 3, 2]}", "{_id: 1, a: [1, 3]}")]
    [InlineData("{$pull: {a: 2}}", "{_id: 1, a: [1, 2.0, {$numberLong: '2'}]}", "{_id: 1, a: [1]}")]
    [InlineData("{$pull: {a: {$gt: 3}}}", "{_id: 1, a: [1, 5, 3, 7]}", "{_id: 1, a: [1, 3]}")]
    [InlineData("{$pull: {a: {$in: [1, 3]}}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [2]}")]
    [InlineData("{$pull: {a: {x: 1}}}", "{_id: 1, a: [{x: 1, y: 1}, {x: 2}, 1]}", "{_id: 1, a: [{x: 2}, 1]}")]
    [InlineData("{$pull: {a: {x: {$gte: 2}, y: 'k'}}}", "{_id: 1, a: [{x: 3, y: 'k'}, {x: 3}, {x: 1, y: 'k'}]}", "{_id: 1, a: [{x: 3}, {x: 1, y: 'k'}]}")]
    [InlineData("{$pull: {a: [1, 2]}}", "{_id: 1, a: [[1, 2], [2, 1], 1]}", "{_id: 1, a: [[2, 1], 1]}")]
    [InlineData("{$pull: {a: {$regularExpression: {pattern: '^b', options: ''}}}}", "{_id: 1, a: ['apple', 'banana', 'blue']}", "{_id: 1, a: ['apple']}")]
    [InlineData("{$pull: {a: 9}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1]}")]
    [InlineData("{$pull: {a: 1}}", "{_id: 1}", "{_id: 1}")]
    [InlineData("{$pull: {'a.b': 1}}", "{_id: 1, a: {b: [1, 2, 1]}}", "{_id: 1, a: {b: [2]}}")]
    // $pullAll.
    [InlineData("{$pullAll: {a: [1, 3]}}", "{_id: 1, a: [1, 2, 3, 1]}", "{_id: 1, a: [2]}")]
    [InlineData("{$pullAll: {a: [{x: 1}]}}", "{_id: 1, a: [{x: 1}, {x: 1, y: 1}]}", "{_id: 1, a: [{x: 1, y: 1}]}")]
    [InlineData("{$pullAll: {a: [1]}}", "{_id: 1}", "{_id: 1}")]
    // $bit.
    [InlineData("{$bit: {n: {and: 6}}}", "{_id: 1, n: 5}", "{_id: 1, n: 4}")]
    [InlineData("{$bit: {n: {or: 2, xor: 1}}}", "{_id: 1, n: 5}", "{_id: 1, n: 6}")]
    [InlineData("{$bit: {n: {or: {$numberLong: '8'}}}}", "{_id: 1, n: 1}", "{_id: 1, n: {$numberLong: '9'}}")]
    [InlineData("{$bit: {n: {or: 3}}}", "{_id: 1}", "{_id: 1, n: 3}")]
    // Several operators at once, as the SDK sends them; new fields appear in path order.
    [InlineData("{$set: {a: 1, 'b.c': 2}, $inc: {n: 1}, $mul: {m: 2}, $unset: {gone: ''}, $max: {mx: 10}, $min: {mn: 0}, $rename: {ren: 'renamed'}}",
        "{_id: 'x', n: 1, m: 3, gone: true, mx: 5, mn: 4, ren: 'r'}",
        "{_id: 'x', n: 2, m: 6, mx: 10, mn: 0, a: 1, b: {c: 2}, renamed: 'r'}")]
    [InlineData("{$push: {p1: {$each: [1, 2]}, un: {$each: [0, -1], $position: 0}}, $pop: {po: 1, sh: -1}, $addToSet: {ats: 7, ats2: {$each: [8, 9]}}, $pull: {pl: {$gt: 3}, pl2: 5}, $pullAll: {pla: [1, 2]}}",
        "{_id: 'abc', p1: [0], un: [1], po: [1, 2], sh: [1, 2], ats: [7], ats2: [8], pl: [1, 4], pl2: [5, 6], pla: [1, 2, 3]}",
        "{_id: 'abc', p1: [0, 1, 2], un: [0, -1, 1], po: [1], sh: [2], ats: [7], ats2: [8, 9], pl: [1], pl2: [6], pla: [3]}")]
    public void Applies_update(string update, string input, string expected)
    {
        var original = BsonDocument.Parse(input);
        var before = original.ToJson(Canonical);

        var result = UpdateApplier.Apply(original, UpdateSpec.Parse(BsonDocument.Parse(update)));

        var expectedJson = BsonDocument.Parse(expected).ToJson(Canonical);
        Assert.Equal(expectedJson, result.Document.ToJson(Canonical));
        Assert.Equal(before, original.ToJson(Canonical));
        Assert.Equal(expectedJson != before, result.Changed);
        if (!result.Changed) Assert.Same(original, result.Document);
    }
}
