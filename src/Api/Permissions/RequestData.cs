using MongoDB.Bson;

namespace ActorCloud.Api.Permissions;

/// <summary>
/// <c>request.data</c> of an update as security rules see it: the fields the update sets, as a nested document
/// (<c>{$set: {"a.b": 1}}</c> reads as <c>{a: {b: 1}}</c>); other operators name their fields with the operator's
/// argument (<c>{$inc: {n: 1}}</c> reads as <c>{n: {$inc: 1}}</c>), so a rule can see which fields change.
/// </summary>
public static class RequestData
{
    public static BsonDocument OfUpdate(BsonDocument update)
    {
        var data = new BsonDocument();
        foreach (var op in update)
        {
            if (op.Value is not BsonDocument fields) continue;
            foreach (var field in fields)
                Put(data, field.Name.Split('.'), op.Name == "$set" ? field.Value : new BsonDocument(op.Name, field.Value));
        }
        return data;
    }

    private static void Put(BsonDocument target, string[] path, BsonValue value)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (target.GetValue(path[i], null) is not BsonDocument next)
            {
                next = [];
                target[path[i]] = next;
            }
            target = next;
        }
        target[path[^1]] = value;
    }
}
