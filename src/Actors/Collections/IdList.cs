using ActorCloud.Documents.Bson;
using MongoDB.Bson;

namespace ActorCloud.Actors.Collections;

/// <summary>Document ids as the BSON bytes events carry (<c>{ids: [...]}</c>), keeping each id's exact type.</summary>
public static class IdList
{
    public static byte[] Write(IEnumerable<BsonValue> ids) => BsonBytes.Of(new BsonDocument("ids", new BsonArray(ids)));

    public static BsonArray Read(byte[] bytes) => BsonBytes.Read(bytes)["ids"].AsBsonArray;
}
