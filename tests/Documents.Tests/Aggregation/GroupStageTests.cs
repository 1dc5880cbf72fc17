using ActorCloud.Documents.Aggregation;
using MongoDB.Bson;
using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>One case a line: pipeline, input, expected output, for <c>$group</c>, <c>$sortByCount</c> and <c>$count</c>.</summary>
public sealed class GroupStageTests
{
    private const string Sales = """
        [{_id: 1, item: 'a', price: 10, qty: 2},
         {_id: 2, item: 'b', price: 20, qty: 1},
         {_id: 3, item: 'a', price: 5, qty: 10},
         {_id: 4, item: 'c', price: null},
         {_id: 5, item: 'b', price: 20.5, qty: 'many'}]
        """;

    [Theory]
    [InlineData("{_id: '$item', n: {$sum: 1}}", "[{_id: 'a', n: 2}, {_id: 'b', n: 2}, {_id: 'c', n: 1}]")]
    [InlineData("{_id: null, total: {$sum: '$price'}, n: {$count: {}}}", "[{_id: null, total: 55.5, n: 5}]")]
    [InlineData("{_id: '$item', avg: {$avg: '$price'}}", "[{_id: 'a', avg: 7.5}, {_id: 'b', avg: 20.25}, {_id: 'c', avg: null}]")]
    [InlineData("{_id: '$item', f: {$first: '$qty'}, l: {$last: '$qty'}}",
        "[{_id: 'a', f: 2, l: 10}, {_id: 'b', f: 1, l: 'many'}, {_id: 'c', f: null, l: null}]")]
    [InlineData("{_id: '$item', hi: {$max: '$qty'}, lo: {$min: '$qty'}}",
        "[{_id: 'a', hi: 10, lo: 2}, {_id: 'b', hi: 'many', lo: 1}, {_id: 'c', hi: null, lo: null}]")]
    [InlineData("{_id: '$item', p: {$push: '$price'}, s: {$addToSet: '$item'}}",
        "[{_id: 'a', p: [10, 5], s: ['a']}, {_id: 'b', p: [20, 20.5], s: ['b']}, {_id: 'c', p: [null], s: ['c']}]")]
    [InlineData("{_id: null, q: {$push: '$qty'}}", "[{_id: null, q: [2, 1, 10, 'many']}]")]
    [InlineData("{_id: {item: '$item', big: {$gte: ['$price', 10]}}, n: {$sum: 1}}",
        "[{_id: {item: 'a', big: true}, n: 1}, {_id: {item: 'b', big: true}, n: 2}, {_id: {item: 'a', big: false}, n: 1}, {_id: {item: 'c', big: false}, n: 1}]")]
    [InlineData("{_id: {$toUpper: '$item'}, ids: {$push: '$_id'}}", "[{_id: 'A', ids: [1, 3]}, {_id: 'B', ids: [2, 5]}, {_id: 'C', ids: [4]}]")]
    [InlineData("{_id: 'constant', n: {$sum: 2}}", "[{_id: 'constant', n: 10}]")]
    public void Group_accumulators(string group, string expected) => Check($"[{{$group: {group}}}]", Sales, expected);

    [Theory]
    // A missing key groups with null; numbers group by value, the first seen becomes the _id.
    [InlineData("{_id: '$k', n: {$sum: 1}}", "[{_id: 1, k: 1}, {_id: 2}, {_id: 3, k: null}]", "[{_id: 1, n: 1}, {_id: null, n: 2}]")]
    [InlineData("{_id: '$k', n: {$sum: 1}}", "[{_id: 1, k: 1}, {_id: 2, k: 1.0}, {_id: 3, k: {$numberLong: '1'}}]", "[{_id: 1, n: 3}]")]
    [InlineData("{_id: {a: '$a', b: '$b'}, n: {$sum: 1}}", "[{_id: 1, a: 1}, {_id: 2, a: 1, b: null}]", "[{_id: {a: 1}, n: 1}, {_id: {a: 1, b: null}, n: 1}]")]
    [InlineData("{_id: '$k'}", "[{_id: 1, k: 'x'}, {_id: 2, k: 'x'}]", "[{_id: 'x'}]")]
    [InlineData("{_id: null, n: {$sum: 1}}", "[]", "[]")]
    // $sum skips non-numbers (arrays too), widens on overflow and is 0 without numbers.
    [InlineData("{_id: null, s: {$sum: '$v'}}", "[{v: 1}, {v: 'x'}, {v: [1, 2]}, {v: 2.5}, {}]", "[{_id: null, s: 3.5}]")]
    [InlineData("{_id: null, s: {$sum: '$v'}}", "[{v: 2147483647}, {v: 1}]", "[{_id: null, s: {$numberLong: '2147483648'}}]")]
    [InlineData("{_id: null, s: {$sum: '$v'}}", "[{v: 'x'}]", "[{_id: null, s: 0}]")]
    [InlineData("{_id: null, s: {$sum: '$v'}}", "[{v: {$numberDecimal: '0.1'}}, {v: 1}]", "[{_id: null, s: {$numberDecimal: '1.1'}}]")]
    [InlineData("{_id: null, a: {$avg: '$v'}}", "[{v: 1}, {v: 2}, {v: 'x'}]", "[{_id: null, a: 1.5}]")]
    [InlineData("{_id: null, a: {$avg: '$v'}}", "[{v: {$numberDecimal: '1'}}, {v: 2}]", "[{_id: null, a: {$numberDecimal: '1.5'}}]")]
    // $max/$min compare whole values in MongoDB's order (an array above numbers) and skip null.
    [InlineData("{_id: null, hi: {$max: '$v'}, lo: {$min: '$v'}}", "[{v: [1, 5]}, {v: 3}, {v: null}]", "[{_id: null, hi: [1, 5], lo: 3}]")]
    [InlineData("{_id: null, s: {$addToSet: '$v'}}", "[{v: 1}, {v: 1.0}, {v: 'x'}, {}, {v: [1]}, {v: [1]}]", "[{_id: null, s: [1, 'x', [1]]}]")]
    [InlineData("{_id: '$k', m: {$mergeObjects: '$o'}}", "[{k: 1, o: {a: 1}}, {k: 1, o: {b: 2}}, {k: 1, o: null}, {k: 1, o: {a: 3}}, {k: 1}]",
        "[{_id: 1, m: {a: 3, b: 2}}]")]
    [InlineData("{_id: null, f: {$first: '$v'}, l: {$last: '$v'}}", "[{}, {v: 1}, {}]", "[{_id: null, f: null, l: null}]")]
    [InlineData("{_id: null, sd: {$stdDevSamp: '$v'}, pop: {$stdDevPop: '$v'}}", "[{v: 3}]", "[{_id: null, sd: null, pop: 0.0}]")]
    [InlineData("{_id: null, sd: {$stdDevSamp: '$v'}, pop: {$stdDevPop: '$v'}}", "[{v: 'x'}]", "[{_id: null, sd: null, pop: null}]")]
    public void Group_edge_cases(string group, string input, string expected) => Check($"[{{$group: {group}}}]", input, expected);

    [Fact]
    public void Standard_deviations_match_the_textbook_values()
    {
        var result = Run("[{$group: {_id: null, pop: {$stdDevPop: '$v'}, samp: {$stdDevSamp: '$v'}}}]",
            "[{v: 2}, {v: 4}, {v: 4}, {v: 4}, {v: 5}, {v: 5}, {v: 7}, {v: 9}]")[0];

        Assert.Equal(2.0, result["pop"].AsDouble, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), result["samp"].AsDouble, 12);
    }

    [Fact]
    public void MergeObjects_refuses_non_objects_while_running()
    {
        var error = FailsWhileRunning("[{$group: {_id: null, m: {$mergeObjects: '$o'}}}]", DocumentList("[{o: 5}]"), ErrorCodes.InvalidParam);

        Assert.Contains("$mergeObjects", error.Message);
    }

    [Theory]
    [InlineData("[{$unwind: '$t'}, {$sortByCount: '$t'}]", "[{t: ['x', 'y']}, {t: ['y']}, {t: ['z', 'y', 'x']}]",
        "[{_id: 'y', count: 3}, {_id: 'x', count: 2}, {_id: 'z', count: 1}]")]
    [InlineData("[{$sortByCount: {$mod: ['$n', 2]}}]", "[{n: 1}, {n: 2}, {n: 3}]", "[{_id: 1, count: 2}, {_id: 0, count: 1}]")]
    // Ties keep first-seen order.
    [InlineData("[{$sortByCount: '$k'}]", "[{k: 'b'}, {k: 'a'}, {}]", "[{_id: 'b', count: 1}, {_id: 'a', count: 1}, {_id: null, count: 1}]")]
    [InlineData("[{$sortByCount: '$k'}, {$limit: 1}]", "[{k: 'b'}, {k: 'a'}, {k: 'a'}]", "[{_id: 'a', count: 2}]")]
    public void SortByCount(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Theory]
    [InlineData("[{$count: 'n'}]", "[{_id: 1}, {_id: 2}, {_id: 3}]", "[{n: 3}]")]
    [InlineData("[{$match: {a: 1}}, {$count: 'matching'}]", "[{_id: 1, a: 1}, {_id: 2}, {_id: 3, a: 1}]", "[{matching: 2}]")]
    [InlineData("[{$count: 'n'}]", "[]", "[]")]
    public void Count(string pipeline, string input, string expected) => Check(pipeline, input, expected);

    [Fact]
    public void Group_output_is_fresh_per_run()
    {
        var pipeline = AggregationPipeline.Parse(DocumentList("[{$group: {_id: null, p: {$push: '$v'}}}]"));
        var input = DocumentList("[{v: 1}, {v: 2}]");

        var first = pipeline.Run(input, Context()).Single();
        var second = pipeline.Run(input, Context()).Single();

        Assert.Equal(new BsonArray { 1, 2 }, first["p"]);
        Assert.Equal(new BsonArray { 1, 2 }, second["p"]);
    }
}
