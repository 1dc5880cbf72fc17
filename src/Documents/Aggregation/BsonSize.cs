using System.Text;
using MongoDB.Bson;

namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// The size a value would have encoded as BSON, computed by walking it rather than serializing it: buffering
/// stages measure every document they hold, and building the bytes just to count them would double that work.
/// </summary>
internal static class BsonSize
{
    public static long Of(BsonValue value) => value.BsonType switch
    {
        BsonType.Document => OfDocument(value.AsBsonDocument),
        BsonType.Array => OfArray(value.AsBsonArray),
        BsonType.String => OfString(value.AsString),
        BsonType.Symbol => OfString(value.AsBsonSymbol.Name),
        BsonType.JavaScript => OfString(value.AsBsonJavaScript.Code),
        BsonType.JavaScriptWithScope => 4 + OfString(value.AsBsonJavaScriptWithScope.Code) + OfDocument(value.AsBsonJavaScriptWithScope.Scope),
        BsonType.Binary => 5 + value.AsBsonBinaryData.Bytes.Length,
        BsonType.RegularExpression => CString(value.AsBsonRegularExpression.Pattern) + CString(value.AsBsonRegularExpression.Options),
        BsonType.ObjectId => 12,
        BsonType.Decimal128 => 16,
        BsonType.Int32 => 4,
        BsonType.Boolean => 1,
        BsonType.Null or BsonType.Undefined or BsonType.MinKey or BsonType.MaxKey => 0,
        _ => 8,
    };

    /// <summary>One field of a document: type byte, name and value.</summary>
    public static long OfElement(string name, BsonValue value) => 1 + CString(name) + Of(value);

    private static long OfDocument(BsonDocument document)
    {
        long size = 5;
        foreach (var element in document) size += OfElement(element.Name, element.Value);
        return size;
    }

    private static long OfArray(BsonArray array)
    {
        long size = 5;
        for (var i = 0; i < array.Count; i++) size += 1 + DigitCount(i) + 1 + Of(array[i]);
        return size;
    }

    private static long OfString(string text) => 4 + CString(text);

    private static long CString(string text) => Encoding.UTF8.GetByteCount(text) + 1;

    private static int DigitCount(int index)
    {
        var digits = 1;
        for (; index >= 10; index /= 10) digits++;
        return digits;
    }
}
