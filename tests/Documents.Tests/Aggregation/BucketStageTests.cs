using Xunit;
using static ActorCloud.Documents.Tests.Aggregation.AggregationCases;

namespace ActorCloud.Documents.Tests.Aggregation;

/// <summary>One case a line: pipeline, input, expected output, for <c>$bucket</c> and <c>$bucketAuto</c>.</summary>
public sealed class BucketStageTests
{
    private const string Prices = "[{_id: 1, p: 0}, {_id: 2, p: 5}, {_id: 3, p: 10}, {_id: 4, p: 15}, {_id: 5, p: 20}, {_id: 6, p: 'x'}, {_id: 7}]";

    private const string OneToTen = "[{v: 1}, {v: 2}, {v: 3}, {v: 4}, {v: 5}, {v: 6}, {v: 7}, {v: 8}, {v: 9}, {v: 10}]";

    [Theory]
    // The upper boundary is exclusive; everything outside goes to the default bucket, which sorts by its _id.
    [InlineData("{groupBy: '$p', boundaries: [0, 10, 20], default: 'other'}", Prices,
        "[{_id: 0, count: 2}, {_id: 10, count: 2}, {_id: 'other', count: 3}]")]
    [InlineData("{groupBy: '$p', boundaries: [0, 10, 20], default: -1, output: {ids: {$push: '$_id'}, total: {$sum: '$p'}}}", Prices,
        "[{_id: -1, ids: [5, 6, 7], total: 20}, {_id: 0, ids: [1, 2], total: 5}, {_id: 10, ids: [3, 4], total: 25}]")]
    // Empty buckets are left out; numbers of different types share a bucket.
    [InlineData("{groupBy: '$p', boundaries: [0, 5, 10, 100]}", "[{p: 0}, {p: 50.5}, {p: {$numberLong: '99'}}]",
        "[{_id: 0, count: 1}, {_id: 10, count: 2}]")]
    [InlineData("{groupBy: {$multiply: ['$p', 2]}, boundaries: [0, 10, 20]}", "[{p: 1}, {p: 6}]", "[{_id: 0, count: 1}, {_id: 10, count: 1}]")]
    [InlineData("{groupBy: '$s', boundaries: ['a', 'm', 'z']}", "[{s: 'apple'}, {s: 'pear'}, {s: 'kiwi'}]", "[{_id: 'a', count: 2}, {_id: 'm', count: 1}]")]
    [InlineData("{groupBy: '$p', boundaries: [0, 10]}", "[]", "[]")]
    public void Bucket(string spec, string input, string expected) => Check($"[{{$bucket: {spec}}}]", input, expected);

    [Theory]
    [InlineData("[{_id: 1, p: 10}]")]
    [InlineData("[{_id: 1, p: -1}]")]
    [InlineData("[{_id: 1}]")]
    [InlineData("[{_id: 1, p: 'x'}]")]
    public void Bucket_without_default_fails_for_a_value_outside_every_range(string input)
    {
        var error = FailsWhileRunning("[{$bucket: {groupBy: '$p', boundaries: [0, 10]}}]", DocumentList(input), ErrorCodes.DatabaseRequestFailed);

        Assert.Contains("$bucket", error.Message);
    }

    [Theory]
    // round(10 / 3) = 3 a bucket, the last takes the rest; a bucket's max is the next bucket's min.
    [InlineData("{groupBy: '$v', buckets: 3}", OneToTen,
        "[{_id: {min: 1, max: 4}, count: 3}, {_id: {min: 4, max: 7}, count: 3}, {_id: {min: 7, max: 10}, count: 4}]")]
    // Equal values never straddle buckets.
    [InlineData("{groupBy: '$v', buckets: 2}", "[{v: 1}, {v: 1}, {v: 1}, {v: 1}, {v: 2}, {v: 3}]",
        "[{_id: {min: 1, max: 2}, count: 4}, {_id: {min: 2, max: 3}, count: 2}]")]
    [InlineData("{groupBy: '$v', buckets: 2}", "[{v: 5}, {v: 5}, {v: 5}]", "[{_id: {min: 5, max: 5}, count: 3}]")]
    // More buckets than documents: one document a bucket.
    [InlineData("{groupBy: '$v', buckets: 5}", "[{v: 3}, {v: 1}]", "[{_id: {min: 1, max: 3}, count: 1}, {_id: {min: 3, max: 3}, count: 1}]")]
    [InlineData("{groupBy: '$v', buckets: 2, output: {vs: {$push: '$v'}}}", "[{v: 'b'}, {v: 'a'}, {}, {v: 3}]",
        "[{_id: {min: null, max: 'a'}, vs: [3]}, {_id: {min: 'a', max: 'b'}, vs: ['a', 'b']}]")]
    [InlineData("{groupBy: '$v', buckets: 2}", "[]", "[]")]
    // With a granularity, boundaries are rounded to the series and values below a rounded max join its bucket.
    [InlineData("{groupBy: '$v', buckets: 3, granularity: '1-2-5'}", OneToTen,
        "[{_id: {min: 0.5, max: 5.0}, count: 4}, {_id: {min: 5.0, max: 10.0}, count: 5}, {_id: {min: 10.0, max: 20.0}, count: 1}]")]
    [InlineData("{groupBy: '$v', buckets: 2, granularity: 'POWERSOF2'}", "[{v: 1}, {v: 2}, {v: 3}, {v: 5}, {v: 9}]",
        "[{_id: {min: 0.5, max: 4}, count: 3}, {_id: {min: 4, max: 16}, count: 2}]")]
    [InlineData("{groupBy: '$v', buckets: 2, granularity: 'E6'}", "[{v: 0}, {v: 0}, {v: 3}, {v: 4}]",
        "[{_id: {min: 0, max: 2.2}, count: 2}, {_id: {min: 2.2, max: 4.7}, count: 2}]")]
    public void BucketAuto(string spec, string input, string expected) => Check($"[{{$bucketAuto: {spec}}}]", input, expected);

    [Theory]
    [InlineData("[{v: -1}]")]
    [InlineData("[{v: 'x'}]")]
    [InlineData("[{}]")]
    [InlineData("[{v: NaN}]")]
    public void BucketAuto_granularity_needs_non_negative_numbers(string input) =>
        FailsWhileRunning("[{$bucketAuto: {groupBy: '$v', buckets: 2, granularity: 'R10'}}]", DocumentList(input), ErrorCodes.InvalidParam);
}
