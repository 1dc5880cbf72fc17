using System.Text.Json.Nodes;
using CsCheck;

namespace ActorCloud.Api.Tests.Support;

/// <summary>
/// Generators of hostile <c>/admin</c> bodies: real action names with wrong, missing, oversized or nonsensical
/// fields, EJSON trees built from operator names and odd keys, and plain garbage.
/// </summary>
public static class FuzzBodies
{
    public const string Collection = "fuzz";

    private static readonly string[] Actions =
    [
        "database.insertDocument", "database.getDocument", "database.calculateDocument", "database.modifyDocument",
        "database.modifyAndReturnDoc", "database.removeDocument", "database.addCollection", "database.aggregateDocuments",
        "database.startTransaction", "actorcloud.dropCollection", "actorcloud.createEnvironment", "nope", "",
        "storage.getUploadMetadata", "storage.batchGetDownloadUrl", "storage.batchDeleteFile", "storage.batchCopyFile",
        "actorcloud.listFileVersions", "actorcloud.restoreFile", "actorcloud.revokeFileUrls",
        "functions.invokeFunction", "actorcloud.createFunction", "actorcloud.updateFunctionCode",
        "actorcloud.updateFunctionConfiguration", "actorcloud.getFunction", "actorcloud.deleteFunction",
        "actorcloud.rollBackFunction", "actorcloud.getFunctionLogs",
    ];

    private static readonly string[] Keys =
    [
        "a", "b", "_id", "a.b", "a.0", "tags", "loc", "", "$", "$set", "$inc", "$mul", "$push", "$each", "$slice",
        "$position", "$pull", "$unset", "$rename", "$gt", "$in", "$nin", "$all", "$size", "$elemMatch", "$not", "$or",
        "$and", "$nor", "$regex", "$options", "$where", "$function", "$expr", "$add", "$nearSphere", "$geometry",
        "$maxDistance", "$geoWithin", "$centerSphere", "$tcb_server_date", "offset", "$numberInt", "$date", "type",
        "coordinates", "$mod", "$exists", "$eq", "$currentDate", "$bit",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Int[-3, 3].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0.5)),
        Gen.String[0, 12].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf("Point", "x", "$a", "abc.*", "2024-01-01T00:00:00Z", "1e999").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static Gen<JsonNode?> Tree(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, Gen.OneOf(Keys).Array[0, 4]
                .SelectMany(keys => Tree(depth - 1).Array[keys.Length].Select(values =>
                {
                    var obj = new JsonObject();
                    for (var i = 0; i < keys.Length; i++) obj[keys[i]] = Own(values[i]);
                    return (JsonNode?)obj;
                }))),
            (1, Tree(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(Own).ToArray()))));

    /// <summary>An EJSON field as the SDK sends it (a string), sometimes broken, sometimes not a string at all.</summary>
    private static readonly Gen<JsonNode?> EjsonField = Gen.Frequency(
        (6, Tree(4).Select(t => (JsonNode?)JsonValue.Create(t?.ToJsonString() ?? "null"))),
        (1, Gen.OneOf("", "{", "{\"a\":", "[]", "null", "{\"a\":1}}", "{'a':ObjectId('x')}").Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Tree(3)));

    private static readonly Gen<JsonNode?> CollectionName = Gen.Frequency(
        (6, Gen.Const((JsonNode?)JsonValue.Create(Collection))),
        (1, Gen.OneOf("", "a/b", "$x", ".hidden", new string('c', 200)).Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Scalar));

    private static readonly Gen<JsonNode?> Action = Gen.Frequency(
        (8, Gen.OneOf(Actions).Select(a => (JsonNode?)JsonValue.Create(a))),
        (1, Scalar));

    private static readonly Gen<string> ActionBody =
        Gen.Select(Action, CollectionName, EjsonField, EjsonField, EjsonField, EjsonField, Scalar, Scalar)
            .SelectMany(fields => Gen.Select(Scalar, Scalar, Scalar, Gen.Bool, Gen.Bool).Select(flags =>
            {
                var body = new JsonObject
                {
                    ["action"] = Own(fields.Item1), ["collectionName"] = Own(fields.Item2), ["query"] = Own(fields.Item3),
                    ["order"] = Own(fields.Item5), ["projection"] = Own(fields.Item6), ["limit"] = Own(fields.Item7), ["offset"] = Own(fields.Item8),
                    ["multi"] = Own(flags.Item1), ["merge"] = Own(flags.Item2), ["upsert"] = Own(flags.Item3),
                    ["data"] = flags.Item4 ? new JsonArray(Own(fields.Item4)) : Own(fields.Item4),
                    ["queryType"] = flags.Item5 ? "DOC" : "WHERE",
                    ["path"] = Own(fields.Item2), ["fileid"] = Own(fields.Item7), ["version"] = Own(fields.Item8),
                    ["file_list"] = flags.Item4 ? new JsonArray(Own(fields.Item3)) : Own(fields.Item3),
                    ["fileid_list"] = flags.Item4 ? new JsonArray(Own(fields.Item7)) : Own(fields.Item6),
                    ["function_name"] = Own(fields.Item2), ["FunctionName"] = Own(fields.Item2), ["request_data"] = Own(fields.Item3),
                    ["Code"] = Own(fields.Item4), ["Handler"] = Own(fields.Item7), ["Timeout"] = Own(fields.Item8),
                    ["MemorySize"] = Own(fields.Item7), ["Environment"] = Own(fields.Item5), ["Version"] = Own(fields.Item8),
                };
                return body.ToJsonString();
            }));

    /// <summary>Generated nodes may be shared between samples; a node can only have one parent.</summary>
    private static JsonNode? Own(JsonNode? node) => node?.DeepClone();

    public static readonly Gen<string> Body = Gen.Frequency(
        (8, ActionBody),
        (1, Gen.String[0, 64]),
        (1, Tree(5).Select(t => t?.ToJsonString() ?? "null")));
}
