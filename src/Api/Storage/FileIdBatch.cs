using System.Text.Json;
using ActorCloud.Actors.Files;
using ActorCloud.Api.Gateway;
using ActorCloud.Documents;
using static ActorCloud.Actors.Files.FileReplies;

namespace ActorCloud.Api.Storage;

/// <summary>
/// A batch of file ids (<c>fileid_list</c>) each turned into one command to its file entity, answered item by item:
/// <c>SUCCESS</c>, or the entity's refusal, or the id's own fault (malformed, another environment), or the
/// <paramref name="refusal"/> a permission check gives for the file's entity.
/// </summary>
public static class FileIdBatch
{
    public static async Task<FileOutcome[]> RunAsync(
        ActionContext context, FileClient files, FileIds ids, Func<string, string, IFileMessage> command,
        Func<string, Task<DocumentException?>>? refusal = null)
    {
        var items = context.Request.Array("fileid_list", StorageActions.MaxBatch);
        return await Task.WhenAll(items.Select(item =>
        {
            var fileId = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            return FileOutcome.RunAsync(fileId, async () =>
            {
                var path = ids.PathIn(context.Env, fileId);
                var entityId = CloudPath.EntityId(context.Env, path);
                if (refusal is not null && await refusal(entityId) is { } refused) throw refused;
                var reply = await files.AskAsync(command(entityId, path), context.Cancellation);
                return reply is FileFailed failed ? new FileOutcome(fileId, failed.Code, failed.Message) : FileOutcome.Ok(fileId);
            });
        }));
    }
}
