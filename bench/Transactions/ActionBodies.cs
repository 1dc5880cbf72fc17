using System.Globalization;
using System.Text.Json;

namespace ActorCloud.Bench.Transactions;

/// <summary>
/// Request bodies as <c>@cloudbase/node-sdk</c> 3.18 sends them (its <c>@cloudbase/database</c>: <c>Transaction</c>,
/// <c>DocumentReference.get/update</c>, <c>CollectionReference.add</c>): the action's fields in the SDK's order, EJSON
/// payloads as strings, <c>transactionId</c> only inside a transaction, then the common fields (<see cref="SdkBody"/>).
/// </summary>
public sealed class ActionBodies(string env)
{
    public byte[] AddCollection(string collection) => Build("database.addCollection", w => w.WriteString("collectionName", collection));

    /// <summary><c>db.collection(c).add([...])</c>: each document its own EJSON string.</summary>
    public byte[] Insert(string collection, IEnumerable<string> ejsonDocuments, string? transactionId = null) => Build("database.insertDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteStartArray("data");
        foreach (var document in ejsonDocuments) w.WriteStringValue(document);
        w.WriteEndArray();
        if (transactionId is not null) w.WriteString("transactionId", transactionId);
    });

    /// <summary><c>t.collection(c).doc(id).get()</c> (or without <c>t</c>).</summary>
    public byte[] GetById(string collection, string id, string? transactionId) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("query", IdQuery(id));
        if (transactionId is not null) w.WriteString("transactionId", transactionId);
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
    });

    /// <summary><c>doc(id).update({balance: _.inc(delta)})</c>, in a transaction or not.</summary>
    public byte[] IncrementBalance(string collection, string id, int delta, string? transactionId) => Build("database.modifyDocument", w =>
    {
        w.WriteString("collectionName", collection);
        if (transactionId is not null) w.WriteString("transactionId", transactionId);
        w.WriteString("data", $$$"""{"$inc":{"balance":{{{Int(delta)}}}}}""");
        w.WriteString("query", IdQuery(id));
        w.WriteString("queryType", "DOC");
        w.WriteBoolean("multi", false);
        w.WriteBoolean("merge", true);
        w.WriteBoolean("upsert", false);
    });

    /// <summary>A page of the whole collection in <c>_id</c> order: <c>where({}).orderBy('_id','asc').skip(o).limit(l).get()</c>.</summary>
    public byte[] Page(string collection, int offset, int limit) => Build("database.getDocument", w =>
    {
        w.WriteString("collectionName", collection);
        w.WriteString("queryType", "WHERE");
        w.WriteString("query", "{}");
        w.WriteString("order", $$"""{"_id":{{Int(1)}}}""");
        w.WriteNumber("offset", offset);
        w.WriteNumber("limit", limit);
    });

    /// <summary>node-sdk's <c>Transaction.init</c> sends the action with no fields of its own.</summary>
    public byte[] StartTransaction() => Build("database.startTransaction", _ => { });

    public byte[] CommitTransaction(string transactionId) => Build("database.commitTransaction", w => w.WriteString("transactionId", transactionId));

    public byte[] AbortTransaction(string transactionId) => Build("database.abortTransaction", w => w.WriteString("transactionId", transactionId));

    /// <summary>Canonical EJSON of a 32-bit integer, as node-sdk serializes a JavaScript integer.</summary>
    public static string Int(int value) => $$"""{"$numberInt":"{{value.ToString(CultureInfo.InvariantCulture)}}"}""";

    private static string IdQuery(string id) => JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = id });

    private byte[] Build(string action, Action<Utf8JsonWriter> fields) => SdkBody.Build(env, action, fields);
}
