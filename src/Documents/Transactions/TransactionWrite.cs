using System.Security.Cryptography;
using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Documents.Transactions;

/// <summary>
/// One document a transaction changes in one collection: the version it saw (<see cref="DocumentVersion"/>; null: the
/// document did not exist) and its new state (null: removed).
/// </summary>
public sealed record TransactionWrite(BsonValue Id, string? Expected, BsonDocument? After)
{
    /// <summary>As journaled: <c>{_id, expected?, after?}</c> in BSON.</summary>
    public byte[] ToBytes()
    {
        var document = new BsonDocument("_id", Id);
        if (Expected is not null) document["expected"] = Expected;
        if (After is not null) document["after"] = After;
        return BsonBytes.Of(document);
    }

    public static TransactionWrite FromBytes(byte[] bytes)
    {
        var document = BsonBytes.Read(bytes);
        return new TransactionWrite(document["_id"], document.GetValue("expected", null)?.AsString, document.GetValue("after", null)?.AsBsonDocument);
    }
}

/// <summary>
/// A query a transaction ran (a <c>where()</c> read or write): the ids it matched and the versions it saw, so that a
/// document that started or stopped matching since (a phantom) is a conflict too.
/// </summary>
public sealed record QueryCheck(BsonDocument Query, IReadOnlyDictionary<BsonValue, string> Matched)
{
    public byte[] ToBytes() => BsonBytes.Of(new BsonDocument
    {
        { "query", Query },
        { "matched", new BsonArray(Matched.Select(m => new BsonDocument { { "_id", m.Key }, { "v", m.Value } })) },
    });

    public static QueryCheck FromBytes(byte[] bytes)
    {
        var document = BsonBytes.Read(bytes);
        var matched = new Dictionary<BsonValue, string>(BsonValueComparer.Instance);
        foreach (var item in document["matched"].AsBsonArray.Cast<BsonDocument>()) matched[item["_id"]] = item["v"].AsString;
        return new QueryCheck(document["query"].AsBsonDocument, matched);
    }
}

/// <summary>A document's version as a transaction compares it: the SHA-256 of its BSON; null for no document.</summary>
public static class DocumentVersion
{
    public static string? Of(BsonDocument? document) =>
        document is null ? null : Convert.ToHexStringLower(SHA256.HashData(BsonBytes.Of(document)));
}
