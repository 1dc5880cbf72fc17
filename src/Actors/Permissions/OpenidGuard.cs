using ActorCloud.Documents;
using MongoDB.Bson;

namespace ActorCloud.Actors.Permissions;

/// <summary>
/// <c>_openid</c> belongs to the server: a client's new document gets the caller's, a client may not write another
/// one, and no client update may touch the field (protocol notes §4.2, behaviours 1–2). Naming one's own openid
/// is harmless and allowed, so a client can write back a document it read.
/// </summary>
public static class OpenidGuard
{
    public static BsonDocument ForInsert(BsonDocument document, string openid)
    {
        CheckOwn(document, openid);
        var owned = new BsonDocument(document.Elements);
        owned[ClassicModes.OpenidField] = openid;
        return owned;
    }

    public static void CheckReplacement(BsonDocument replacement, string openid) => CheckOwn(replacement, openid);

    /// <summary>Refuses an operator update that sets, unsets, renames or otherwise reaches <c>_openid</c>.</summary>
    public static void CheckUpdate(BsonDocument update)
    {
        foreach (var element in update)
        {
            if (!element.Name.StartsWith('$'))
            {
                if (Touches(element.Name)) throw Denied();
                continue;
            }
            if (element.Value is not BsonDocument fields) continue;
            foreach (var field in fields)
            {
                if (Touches(field.Name)) throw Denied();
                if (element.Name == "$rename" && field.Value is BsonString target && Touches(target.Value)) throw Denied();
            }
        }
    }

    private static bool Touches(string path) =>
        path == ClassicModes.OpenidField || path.StartsWith(ClassicModes.OpenidField + ".", StringComparison.Ordinal);

    private static void CheckOwn(BsonDocument document, string openid)
    {
        if (document.TryGetValue(ClassicModes.OpenidField, out var given) && !(given is BsonString s && s.Value == openid))
            throw Denied();
    }

    private static DocumentException Denied() => new(ErrorCodes.DatabasePermissionDenied,
        "_openid is set by the server: a client may neither write another user's openid nor change it");
}
