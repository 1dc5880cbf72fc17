using ActorCloud.Documents.Bson;
using ActorCloud.Documents.Query;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Query;

/// <summary>One case a line: query (EJSON or shell JSON), document, whether MongoDB would return it.</summary>
public sealed class QueryFilterMatchTests
{
    [Theory]
    // equality, implicit array traversal, whole-array equality
    [InlineData("""{}""", """{"a":1}""", true)]
    // $type: BSON types by alias or number; array elements are candidates; "number" is any numeric type
    [InlineData("""{"a":{"$type":"int"}}""", """{"a":{"$numberInt":"1"}}""", true)]
    [InlineData("""{"a":{"$type":"int"}}""", """{"a":{"$numberDouble":"1.0"}}""", false)]
    [InlineData("""{"a":{"$type":"long"}}""", """{"a":{"$numberLong":"1"}}""", true)]
    [InlineData("""{"a":{"$type":"double"}}""", """{"a":{"$numberDouble":"1.5"}}""", true)]
    [InlineData("""{"a":{"$type":"number"}}""", """{"a":{"$numberDecimal":"1.5"}}""", true)]
    [InlineData("""{"a":{"$type":"number"}}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":{"$type":["string","null"]}}""", """{"a":null}""", true)]
    [InlineData("""{"a":{"$type":2}}""", """{"a":"x"}""", true)]
    [InlineData("""{"a":{"$type":"string"}}""", """{"a":[1,"x"]}""", true)]
    [InlineData("""{"a":{"$type":"array"}}""", """{"a":[1]}""", true)]
    [InlineData("""{"a":{"$type":"date"}}""", """{"a":{"$date":"2024-01-01T00:00:00Z"}}""", true)]
    [InlineData("""{"a":{"$type":"object"}}""", """{"b":1}""", false)]
    [InlineData("""{"a":1}""", """{"a":1}""", true)]
    [InlineData("""{"a":{"$numberInt":"1"}}""", """{"a":1.0}""", true)]
    [InlineData("""{"a":{"$numberLong":"1"}}""", """{"a":1}""", true)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":1}""", """{"b":1}""", false)]
    [InlineData("""{"tags":"x"}""", """{"tags":["y","x"]}""", true)]
    [InlineData("""{"tags":"z"}""", """{"tags":["y","x"]}""", false)]
    [InlineData("""{"tags":["y","x"]}""", """{"tags":["y","x"]}""", true)]
    [InlineData("""{"tags":["x","y"]}""", """{"tags":["y","x"]}""", false)]
    [InlineData("""{"tags":["x"]}""", """{"tags":[["x"],"y"]}""", true)]
    [InlineData("""{"tags":"x"}""", """{"tags":[["x"]]}""", false)]
    [InlineData("""{"a.b":1}""", """{"a":{"b":1}}""", true)]
    [InlineData("""{"a.b":1}""", """{"a":[{"b":2},{"b":1}]}""", true)]
    [InlineData("""{"a.b":1}""", """{"a":[{"b":[3,1]}]}""", true)]
    [InlineData("""{"a.b":1}""", """{"a":[[{"b":1}]]}""", false)]
    [InlineData("""{"a.b.c":1}""", """{"a":[{"b":[{"c":1}]}]}""", true)]
    [InlineData("""{"a.0":5}""", """{"a":[5,6]}""", true)]
    [InlineData("""{"a.1":5}""", """{"a":[5,6]}""", false)]
    [InlineData("""{"a.0.b":1}""", """{"a":[{"b":1}]}""", true)]
    [InlineData("""{"a.0":1}""", """{"a":{"0":1}}""", true)]
    [InlineData("""{"a.0":1}""", """{"a":[{"0":1}, 2]}""", false)]
    [InlineData("""{"a.1":1}""", """{"a":[{"1":1}, 2]}""", true)]
    [InlineData("""{"a.0":1}""", """{"a":[[1,2]]}""", true)]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1}}""", true)]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"b":1,"c":2}}""", false)]
    [InlineData("""{"a":{"b":1,"c":2}}""", """{"a":{"c":2,"b":1}}""", false)]
    [InlineData("""{"a":{}}""", """{"a":{}}""", true)]
    [InlineData("""{"d":{"$date":{"$numberLong":"1704067200000"}}}""", """{"d":{"$date":{"$numberLong":"1704067200000"}}}""", true)]
    [InlineData("""{"_id":{"$oid":"65a000000000000000000001"}}""", """{"_id":{"$oid":"65a000000000000000000001"}}""", true)]
    [InlineData("""{"_id":{"$oid":"65a000000000000000000001"}}""", """{"_id":"65a000000000000000000001"}""", false)]
    [InlineData("""{"t":true}""", """{"t":1}""", false)]
    // null and missing
    [InlineData("""{"a":null}""", """{"b":1}""", true)]
    [InlineData("""{"a":null}""", """{"a":null}""", true)]
    [InlineData("""{"a":null}""", """{"a":0}""", false)]
    [InlineData("""{"a":null}""", """{"a":[1,null]}""", true)]
    [InlineData("""{"a":null}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a.b":null}""", """{"a":{"c":1}}""", true)]
    [InlineData("""{"a.b":null}""", """{"a":5}""", true)]
    [InlineData("""{"a.b":null}""", """{"a":[{"b":1},{"c":1}]}""", true)]
    [InlineData("""{"a.b":null}""", """{"a":[{"b":1},{"b":2}]}""", false)]
    [InlineData("""{"a":{"$eq":null}}""", """{}""", true)]
    [InlineData("""{"a":{"$ne":null}}""", """{}""", false)]
    [InlineData("""{"a":{"$ne":null}}""", """{"a":0}""", true)]
    [InlineData("""{"a":{"$ne":null}}""", """{"a":[1,null]}""", false)]
    [InlineData("""{"a":{"$gte":null}}""", """{}""", true)]
    [InlineData("""{"a":{"$gt":null}}""", """{"a":null}""", false)]
    [InlineData("""{"a":{"$in":[null,5]}}""", """{}""", true)]
    [InlineData("""{"a":{"$nin":[null,5]}}""", """{}""", false)]
    // $eq / $ne
    [InlineData("""{"a":{"$eq":{"deep":1}}}""", """{"a":{"deep":1}}""", true)]
    [InlineData("""{"a":{"$eq":[1,2]}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$eq":2}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$ne":2}}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a":{"$ne":3}}""", """{"a":[1,2]}""", true)]
    [InlineData("""{"a":{"$ne":3}}""", """{}""", true)]
    [InlineData("""{"a.b":{"$ne":1}}""", """{"a":[{"b":1},{"b":2}]}""", false)]
    [InlineData("""{"a":{"$eq":{"$regularExpression":{"pattern":"x","options":""}}}}""", """{"a":"x"}""", false)]
    // comparisons and type bracketing
    [InlineData("""{"a":{"$gt":5}}""", """{"a":6}""", true)]
    [InlineData("""{"a":{"$gt":5}}""", """{"a":5}""", false)]
    [InlineData("""{"a":{"$gte":5}}""", """{"a":5.0}""", true)]
    [InlineData("""{"a":{"$lt":5}}""", """{"a":{"$numberLong":"4"}}""", true)]
    [InlineData("""{"a":{"$lte":5}}""", """{"a":{"$numberDecimal":"5"}}""", true)]
    [InlineData("""{"a":{"$gt":5}}""", """{"a":"6"}""", false)]
    [InlineData("""{"a":{"$lt":5}}""", """{"a":"4"}""", false)]
    [InlineData("""{"a":{"$lt":5}}""", """{"a":null}""", false)]
    [InlineData("""{"a":{"$gt":5}}""", """{"a":true}""", false)]
    [InlineData("""{"a":{"$gt":"b"}}""", """{"a":"c"}""", true)]
    [InlineData("""{"a":{"$gt":"b"}}""", """{"a":"B"}""", false)]
    [InlineData("""{"a":{"$gt":5}}""", """{"a":[1,7]}""", true)]
    [InlineData("""{"a":{"$gt":5,"$lt":7}}""", """{"a":[4,8]}""", true)]
    [InlineData("""{"a":{"$gt":5,"$lt":7}}""", """{"a":[6]}""", true)]
    [InlineData("""{"a":{"$gt":5,"$lt":7}}""", """{"a":[4]}""", false)]
    [InlineData("""{"a":{"$gt":5}}""", """{}""", false)]
    [InlineData("""{"due":{"$lt":{"$date":{"$numberLong":"1704067200000"}}}}""", """{"due":{"$date":{"$numberLong":"1704000000000"}}}""", true)]
    [InlineData("""{"due":{"$lt":{"$date":{"$numberLong":"1704067200000"}}}}""", """{"due":1}""", false)]
    [InlineData("""{"a":{"$gt":[1]}}""", """{"a":[2]}""", true)]
    [InlineData("""{"a":{"$gte":{"x":1}}}""", """{"a":{"x":2}}""", true)]
    [InlineData("""{"a":{"$gt":{"$numberDouble":"NaN"}}}""", """{"a":1}""", false)]
    // $in / $nin
    [InlineData("""{"a":{"$in":[1,"x"]}}""", """{"a":"x"}""", true)]
    [InlineData("""{"a":{"$in":[1,"x"]}}""", """{"a":2}""", false)]
    [InlineData("""{"a":{"$in":[1,2]}}""", """{"a":[5,2]}""", true)]
    [InlineData("""{"a":{"$in":[[5,2]]}}""", """{"a":[5,2]}""", true)]
    [InlineData("""{"a":{"$in":[]}}""", """{"a":1}""", false)]
    [InlineData("""{"a":{"$in":[1,2,3,4,5,6,7,8,9,10,11,12]}}""", """{"a":11.0}""", true)]
    [InlineData("""{"a":{"$in":[1,2,3,4,5,6,7,8,9,10,11,12]}}""", """{"a":13}""", false)]
    [InlineData("""{"a":{"$in":[{"$regularExpression":{"pattern":"^ab","options":"i"}},5]}}""", """{"a":"ABc"}""", true)]
    [InlineData("""{"a":{"$nin":[2]}}""", """{"a":1}""", true)]
    [InlineData("""{"a":{"$nin":[2]}}""", """{"a":[1,2]}""", false)]
    [InlineData("""{"a":{"$nin":[2]}}""", """{}""", true)]
    [InlineData("""{"a":{"$nin":[{"$regularExpression":{"pattern":"^x","options":""}}]}}""", """{"a":"xy"}""", false)]
    // logical
    [InlineData("""{"$and":[{"a":1},{"b":2}]}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"$and":[{"a":1},{"b":2}]}""", """{"a":1,"b":3}""", false)]
    [InlineData("""{"$and":[{"p":{"$gt":50}},{"p":{"$lt":100}}]}""", """{"p":70}""", true)]
    [InlineData("""{"$or":[{"a":{"$gt":1}},{"b":"x","c.d":{"$in":[1,2]}}]}""", """{"a":0,"b":"x","c":{"d":2}}""", true)]
    [InlineData("""{"$or":[{"a":{"$gt":1}},{"b":"x","c.d":{"$in":[1,2]}}]}""", """{"a":0,"b":"x","c":{"d":3}}""", false)]
    [InlineData("""{"$nor":[{"b":2},{"c":3}]}""", """{"b":1,"c":1}""", true)]
    [InlineData("""{"$nor":[{"b":2},{"c":3}]}""", """{"b":1,"c":3}""", false)]
    [InlineData("""{"$and":[{"a":1},{"$nor":[{"b":2},{"c":3}]}]}""", """{"a":1}""", true)]
    [InlineData("""{"$or":[{"b":2},{"b":3},{"c":4},{"c":5}]}""", """{"b":9,"c":5}""", true)]
    [InlineData("""{"$comment":"why","a":1}""", """{"a":1}""", true)]
    // $not
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{"a":3}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{"a":6}""", false)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{"a":"zzz"}""", true)]
    [InlineData("""{"a":{"$not":{"$gt":5}}}""", """{"a":[1,9]}""", false)]
    [InlineData("""{"a":{"$not":{"$gt":1,"$lt":5}}}""", """{"a":[0,9]}""", false)]
    [InlineData("""{"a":{"$not":{"$gt":1,"$lt":5}}}""", """{"a":9}""", true)]
    [InlineData("""{"s":{"$not":{"$regularExpression":{"pattern":"abc","options":""}}}}""", """{"s":"xabcx"}""", false)]
    [InlineData("""{"s":{"$not":{"$regularExpression":{"pattern":"abc","options":""}}}}""", """{"s":"xyz"}""", true)]
    [InlineData("""{"s":{"$not":{"$regex":"^A","$options":"i"}}}""", """{"s":"abc"}""", false)]
    // $exists
    [InlineData("""{"e":{"$exists":true}}""", """{"e":null}""", true)]
    [InlineData("""{"e":{"$exists":true}}""", """{}""", false)]
    [InlineData("""{"e":{"$exists":false}}""", """{}""", true)]
    [InlineData("""{"e":{"$exists":false}}""", """{"e":0}""", false)]
    [InlineData("""{"e":{"$exists":1}}""", """{"e":0}""", true)]
    [InlineData("""{"e":{"$exists":0}}""", """{"f":0}""", true)]
    [InlineData("""{"a.b":{"$exists":true}}""", """{"a":[{"c":1},{"b":null}]}""", true)]
    [InlineData("""{"a.b":{"$exists":false}}""", """{"a":[{"c":1},{"b":null}]}""", false)]
    [InlineData("""{"a.1":{"$exists":true}}""", """{"a":[5,6]}""", true)]
    [InlineData("""{"a.2":{"$exists":true}}""", """{"a":[5,6]}""", false)]
    // $size
    [InlineData("""{"f":{"$size":2}}""", """{"f":[1,2]}""", true)]
    [InlineData("""{"f":{"$size":2}}""", """{"f":[1]}""", false)]
    [InlineData("""{"f":{"$size":0}}""", """{"f":[]}""", true)]
    [InlineData("""{"f":{"$size":0}}""", """{}""", false)]
    [InlineData("""{"f":{"$size":2}}""", """{"f":"ab"}""", false)]
    [InlineData("""{"f":{"$size":2.0}}""", """{"f":[[1,2,3],4]}""", true)]
    [InlineData("""{"f":{"$size":3}}""", """{"f":[[1,2,3]]}""", false)]
    [InlineData("""{"a.f":{"$size":1}}""", """{"a":[{"f":[1]},{"f":[1,2]}]}""", true)]
    // $all
    [InlineData("""{"c":{"$all":[3,4]}}""", """{"c":[4,5,3]}""", true)]
    [InlineData("""{"c":{"$all":[3,4]}}""", """{"c":[4,5]}""", false)]
    [InlineData("""{"c":{"$all":[3]}}""", """{"c":3}""", true)]
    [InlineData("""{"c":{"$all":[]}}""", """{"c":[1]}""", false)]
    [InlineData("""{"c":{"$all":[[1,2]]}}""", """{"c":[1,2]}""", true)]
    [InlineData("""{"c":{"$all":[[1,2]]}}""", """{"c":[[1,2],3]}""", true)]
    [InlineData("""{"c":{"$all":[{"$regularExpression":{"pattern":"^a","options":""}},"bc"]}}""", """{"c":["ax","bc"]}""", true)]
    [InlineData("""{"c":{"$all":[{"$elemMatch":{"x":1,"y":{"$gt":1}}},{"$elemMatch":{"x":2}}]}}""", """{"c":[{"x":1,"y":2},{"x":2}]}""", true)]
    [InlineData("""{"c":{"$all":[{"$elemMatch":{"x":1,"y":{"$gt":1}}}]}}""", """{"c":[{"x":1,"y":0},{"x":0,"y":2}]}""", false)]
    // $elemMatch
    [InlineData("""{"h":{"$elemMatch":{"x":{"$gt":1},"y":"z"}}}""", """{"h":[{"x":2,"y":"z"}]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{"x":{"$gt":1},"y":"z"}}}""", """{"h":[{"x":2,"y":"a"},{"x":0,"y":"z"}]}""", false)]
    [InlineData("""{"h.x":{"$gt":1},"h.y":"z"}""", """{"h":[{"x":2,"y":"a"},{"x":0,"y":"z"}]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{"$gt":3,"$lt":5}}}""", """{"h":[1,4,9]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{"$gt":3,"$lt":5}}}""", """{"h":[1,9]}""", false)]
    [InlineData("""{"h":{"$elemMatch":{"$gt":3}}}""", """{"h":4}""", false)]
    [InlineData("""{"h":{"$elemMatch":{"$ne":1}}}""", """{"h":[1,1]}""", false)]
    [InlineData("""{"h":{"$elemMatch":{"$ne":1}}}""", """{"h":[1,2]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{"$not":{"$gt":3}}}}""", """{"h":[5,2]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{"$in":["a"]}}}""", """{"h":[["a"]]}""", false)]
    [InlineData("""{"h":{"$elemMatch":{"$or":[{"x":1},{"x":2}]}}}""", """{"h":[{"x":2}]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{}}}""", """{"h":[{"x":2}]}""", true)]
    [InlineData("""{"h":{"$elemMatch":{}}}""", """{"h":[1]}""", false)]
    [InlineData("""{"h":{"$elemMatch":{"x.y":1}}}""", """{"h":[{"x":[{"y":1}]}]}""", true)]
    [InlineData("""{"a.h":{"$elemMatch":{"$gt":3}}}""", """{"a":[{"h":[1]},{"h":[5]}]}""", true)]
    // $mod
    [InlineData("""{"g":{"$mod":[4,1]}}""", """{"g":5}""", true)]
    [InlineData("""{"g":{"$mod":[4,1]}}""", """{"g":6}""", false)]
    [InlineData("""{"g":{"$mod":[4,1]}}""", """{"g":5.9}""", true)]
    [InlineData("""{"g":{"$mod":[4,-1]}}""", """{"g":-5}""", true)]
    [InlineData("""{"g":{"$mod":[4,1]}}""", """{"g":"5"}""", false)]
    [InlineData("""{"g":{"$mod":[4,1]}}""", """{"g":[2,9]}""", true)]
    [InlineData("""{"g":{"$mod":[4.5,1]}}""", """{"g":9}""", true)]
    // regex
    [InlineData("""{"title":{"$regularExpression":{"pattern":"^ab.c","options":"i"}}}""", """{"title":"ABxC def"}""", true)]
    [InlineData("""{"title":{"$regularExpression":{"pattern":"^ab.c","options":""}}}""", """{"title":"ABxC def"}""", false)]
    [InlineData("""{"title":/^ab/i}""", """{"title":"Abc"}""", true)]
    [InlineData("""{"title":/^b/m}""", """{"title":"a\nb"}""", true)]
    [InlineData("""{"title":/^b/}""", """{"title":"a\nb"}""", false)]
    [InlineData("""{"title":/a.b/s}""", """{"title":"a\nb"}""", true)]
    [InlineData("""{"title":/a.b/}""", """{"title":"a\nb"}""", false)]
    [InlineData("""{"title":{"$regex":"a b # comment","$options":"x"}}""", """{"title":"ab"}""", true)]
    [InlineData("""{"title":{"$options":"i","$regex":"^AB"}}""", """{"title":"abc"}""", true)]
    [InlineData("""{"title":{"$regex":{"$regularExpression":{"pattern":"^AB","options":""}},"$options":"i"}}""", """{"title":"abc"}""", true)]
    [InlineData("""{"title":{"$regex":"b"}}""", """{"title":["a","xbx"]}""", true)]
    [InlineData("""{"title":{"$regex":"1"}}""", """{"title":1}""", false)]
    [InlineData("""{"title":/x/}""", """{"title":/x/}""", true)]
    [InlineData("""{"title":/x/i}""", """{"title":/x/}""", false)]
    [InlineData("""{"title":{"$regex":"中文"}}""", """{"title":"有中文字"}""", true)]
    // $expr
    [InlineData("""{"$expr":{"$gt":["$a","$b"]}}""", """{"a":3,"b":2}""", true)]
    [InlineData("""{"$expr":{"$gt":["$a","$b"]}}""", """{"a":1,"b":2}""", false)]
    [InlineData("""{"$expr":{"$eq":["$a","$b"]}}""", """{}""", true)]
    [InlineData("""{"$expr":{"$eq":["$a",null]}}""", """{}""", false)]
    [InlineData("""{"$expr":"$flag"}""", """{"flag":0}""", false)]
    [InlineData("""{"$expr":"$flag"}""", """{"flag":"no"}""", true)]
    [InlineData("""{"$expr":{"$lt":[{"$add":["$a",1]},{"$multiply":["$b",2]}]}}""", """{"a":2,"b":2}""", true)]
    [InlineData("""{"x":1,"$expr":{"$in":["$y",[1,2]]}}""", """{"x":1,"y":2}""", true)]
    public void Matches_like_mongodb(string query, string document, bool expected)
    {
        var filter = QueryFilter.Compile(BsonDocument.Parse(query));
        Assert.Equal(expected, filter.Matches(BsonDocument.Parse(document)));
        Assert.Equal(expected, filter.Matches(InPlace(document)));
    }

    /// <summary>
    /// The JSON reader folds <c>{$regex, $options}</c> into a regex value, so the operator-document path (what a
    /// raw BSON query carries) is built by hand here.
    /// </summary>
    [Theory]
    [InlineData("^AB", "i", "abc", true)]
    [InlineData("^AB", "", "abc", false)]
    [InlineData("a.b", "s", "a\nb", true)]
    [InlineData("^b", "m", "a\nb", true)]
    [InlineData("a b", "x", "ab", true)]
    public void Regex_operator_document_matches(string pattern, string options, string value, bool expected)
    {
        var query = new BsonDocument("t", new BsonDocument { { "$options", options }, { "$regex", pattern } });
        var doc = new BsonDocument("t", value.Replace("\\n", "\n"));
        Assert.Equal(expected, QueryFilter.Compile(query).Matches(doc));
        Assert.Equal(expected, QueryFilter.Compile(query).Matches(new BsonView(BsonBytes.Of(doc))));
        var withRegexValue = new BsonDocument("t", new BsonDocument("$regex", new BsonRegularExpression(pattern)).Add("$options", options));
        Assert.Equal(expected, QueryFilter.Compile(withRegexValue).Matches(doc));
    }

    [Fact]
    public void Match_all_matches_anything()
    {
        Assert.True(QueryFilter.MatchAll.Matches(new BsonDocument()));
        Assert.Same(QueryFilter.MatchAll, QueryFilter.Compile(new BsonDocument()));
    }

    /// <summary>The document as a collection scan tests it: its stored BSON, read in place.</summary>
    private static BsonView InPlace(string document) => new(BsonBytes.Of(BsonDocument.Parse(document)));
}
