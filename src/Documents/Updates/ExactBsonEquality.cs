using MongoDB.Bson;

namespace ActorCloud.Documents.Updates;

/// <summary>
/// Byte-for-byte equality as MongoDB decides "did this update modify the document": types must match (1 and 1.0
/// differ), field order matters, and doubles compare by bit pattern. Shared references short-circuit, which
/// makes comparing an updated copy with its original cost about the size of what the update touched.
/// </summary>
internal static class ExactBsonEquality
{
    public static bool AreIdentical(BsonValue a, BsonValue b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.BsonType != b.BsonType) return false;
        return a switch
        {
            BsonDocument x => DocumentsIdentical(x, (BsonDocument)b),
            BsonArray x => ArraysIdentical(x, (BsonArray)b),
            BsonDouble x => BitConverter.DoubleToInt64Bits(x.Value) == BitConverter.DoubleToInt64Bits(b.AsDouble),
            _ => a.Equals(b),
        };
    }

    private static bool DocumentsIdentical(BsonDocument a, BsonDocument b)
    {
        if (a.ElementCount != b.ElementCount) return false;
        for (var i = 0; i < a.ElementCount; i++)
        {
            var x = a.GetElement(i);
            var y = b.GetElement(i);
            if (x.Name != y.Name || !AreIdentical(x.Value, y.Value)) return false;
        }
        return true;
    }

    private static bool ArraysIdentical(BsonArray a, BsonArray b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!AreIdentical(a[i], b[i])) return false;
        }
        return true;
    }
}
