using ActorCloud.Documents.Updates;
using MongoDB.Bson;
using Xunit;

namespace ActorCloud.Documents.Tests.Updates;

public class UpdateSemanticsTests
{
    private static UpdateSpec Spec(string json) => UpdateSpec.Parse(BsonDocument.Parse(json));

    [Fact]
    public void Untouched_containers_are_shared_and_touched_ones_copied()
    {
        var original = BsonDocument.Parse("{_id: 1, big: {deep: [1, 2, 3]}, nested: {a: {b: 1}, keep: [1]}}");

        var result = UpdateApplier.Apply(original, Spec("{$set: {'nested.a.b': 2}}")).Document;

        Assert.Same(original["big"], result["big"]);
        Assert.Same(original["nested"]["keep"], result["nested"]["keep"]);
        Assert.NotSame(original["nested"], result["nested"]);
        Assert.Equal(1, original["nested"]["a"]["b"].AsInt32);
        Assert.Equal(2, result["nested"]["a"]["b"].AsInt32);
    }

    [Fact]
    public void A_spec_applied_to_many_documents_gives_each_its_own_values()
    {
        var spec = Spec("{$set: {obj: {x: 1}}, $push: {arr: {$each: [{y: 1}]}}}");

        var first = UpdateApplier.Apply(new BsonDocument("_id", 1), spec).Document;
        var second = UpdateApplier.Apply(new BsonDocument("_id", 2), spec).Document;

        Assert.NotSame(first["obj"], second["obj"]);
        Assert.NotSame(first["arr"][0], second["arr"][0]);
        first["obj"]["x"] = 99;
        var third = UpdateApplier.Apply(new BsonDocument("_id", 3), spec).Document;
        Assert.Equal(1, third["obj"]["x"].AsInt32);
    }

    [Theory]
    [InlineData("{$set: {a: 1}}", "{_id: 1, a: 1}", false)]
    [InlineData("{$set: {a: 1.0}}", "{_id: 1, a: 1}", true)]
    [InlineData("{$set: {a: {b: 1, c: 2}}}", "{_id: 1, a: {c: 2, b: 1}}", true)]
    [InlineData("{$set: {_id: 1}}", "{_id: 1}", false)]
    [InlineData("{$inc: {a: 0}}", "{_id: 1, a: 5}", false)]
    [InlineData("{$inc: {a: {$numberLong: '0'}}}", "{_id: 1, a: 5}", true)]
    [InlineData("{$min: {a: 9}}", "{_id: 1, a: 5}", false)]
    [InlineData("{$unset: {x: ''}}", "{_id: 1}", false)]
    [InlineData("{$pull: {a: 9}}", "{_id: 1, a: [1]}", false)]
    [InlineData("{$addToSet: {a: 1}}", "{_id: 1, a: [1]}", false)]
    [InlineData("{$push: {a: {$each: []}}}", "{_id: 1, a: [1]}", false)]
    [InlineData("{$rename: {x: 'y'}}", "{_id: 1}", false)]
    [InlineData("{$setOnInsert: {a: 1}}", "{_id: 1}", false)]
    [InlineData("{$push: {a: 1}}", "{_id: 1, a: [1]}", true)]
    public void Reports_whether_the_document_changed(string update, string input, bool changed)
    {
        var original = BsonDocument.Parse(input);

        var result = UpdateApplier.Apply(original, Spec(update));

        Assert.Equal(changed, result.Changed);
        if (!changed) Assert.Same(original, result.Document);
    }

    [Fact]
    public void Upsert_applies_set_on_insert_to_the_seed()
    {
        var seed = BsonDocument.Parse("{_id: 'k', q: 1}");

        var inserted = UpdateApplier.ApplyToNew(seed, Spec("{$set: {a: 1}, $setOnInsert: {b: 2}, $inc: {n: 5}}"));

        Assert.Equal(BsonDocument.Parse("{_id: 'k', q: 1, a: 1, b: 2, n: 5}"), inserted);
        Assert.Equal(BsonDocument.Parse("{_id: 'k', q: 1}"), seed);
    }

    [Fact]
    public void Upsert_may_set_the_id_when_the_seed_has_none()
    {
        var inserted = UpdateApplier.ApplyToNew(new BsonDocument(), Spec("{$setOnInsert: {_id: 'new'}}"));

        Assert.Equal(new BsonDocument("_id", "new"), inserted);
    }

    [Fact]
    public void Upsert_may_not_change_the_id_taken_from_the_query()
    {
        var error = Assert.Throws<DocumentException>(() => UpdateApplier.ApplyToNew(new BsonDocument("_id", 1), Spec("{$set: {_id: 2}}")));

        Assert.Equal(ErrorCodes.DatabaseRequestFailed, error.Code);
    }

    [Fact]
    public void Current_date_uses_the_given_clock()
    {
        var now = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var result = UpdateApplier.Apply(new BsonDocument("_id", 1), Spec("{$currentDate: {d: true, t: {$type: 'timestamp'}, e: {$type: 'date'}}}"), false, now);

        Assert.Equal(new BsonDateTime(now), result.Document["d"]);
        Assert.Equal(new BsonDateTime(now), result.Document["e"]);
        Assert.Equal(new DateTimeOffset(now).ToUnixTimeSeconds(), result.Document["t"].AsBsonTimestamp.Timestamp);
    }

    [Theory]
    [InlineData("{$set: {a: 1}}", UpdateDocumentKind.Operators)]
    [InlineData("{$set: {a: 1}, $inc: {b: 1}}", UpdateDocumentKind.Operators)]
    [InlineData("{a: 1, b: {c: 2}}", UpdateDocumentKind.Replacement)]
    [InlineData("{}", UpdateDocumentKind.Replacement)]
    public void Classifies_update_documents(string json, UpdateDocumentKind kind)
    {
        var document = BsonDocument.Parse(json);

        Assert.Equal(kind, UpdateSpec.Classify(document));
        Assert.Equal(kind == UpdateDocumentKind.Operators, UpdateSpec.IsOperatorDocument(document));
    }

    [Theory]
    [InlineData("{$set: {a: 1}, b: 1}")]
    [InlineData("{b: 1, $set: {a: 1}}")]
    public void Refuses_documents_mixing_operators_and_fields(string json)
    {
        var document = BsonDocument.Parse(json);

        var error = Assert.Throws<DocumentException>(() => UpdateSpec.Classify(document));

        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
        Assert.False(UpdateSpec.IsOperatorDocument(document));
    }

    [Fact]
    public void Upsert_seed_turns_dotted_equalities_into_sub_documents()
    {
        var seed = UpsertSeed.FromEqualities([new("_id", "k"), new("a.b", 1), new("a.c", "x"), new("d", new BsonDocument("e", 2))]);

        Assert.Equal(BsonDocument.Parse("{_id: 'k', a: {b: 1, c: 'x'}, d: {e: 2}}"), seed);
    }

    [Theory]
    [InlineData("a", "a.b")]
    [InlineData("a.b", "a")]
    [InlineData("a", "a")]
    public void Upsert_seed_refuses_overlapping_equalities(string first, string second)
    {
        var error = Assert.Throws<DocumentException>(() => UpsertSeed.FromEqualities([new(first, 1), new(second, 2)]));

        Assert.Equal(ErrorCodes.InvalidParam, error.Code);
    }
}
