using System.Text.Json;
using ActorCloud.Documents;

namespace ActorCloud.Api.Storage;

/// <summary>
/// One file's line in a batch answer: CloudBase answers batches item by item, <c>code: "SUCCESS"</c> or the
/// item's own error code, so one bad file id never fails the others.
/// </summary>
public sealed record FileOutcome(string FileId, string Code, string? Message = null, string? Url = null, int? MaxAge = null)
{
    public bool Succeeded => Code == ErrorCodes.Success;

    public static FileOutcome Ok(string fileId) => new(fileId, ErrorCodes.Success);

    public static FileOutcome From(string fileId, DocumentException e) => new(fileId, e.Code, e.Message);

    /// <summary>Writes <c>fileID</c> (spelled as the action's answer spells it), <c>code</c> and any message.</summary>
    public void WriteCommon(Utf8JsonWriter w, string fileIdName = "fileID")
    {
        w.WriteString(fileIdName, FileId);
        w.WriteString("code", Code);
        if (Message is not null) w.WriteString("message", Message);
    }

    /// <summary>Runs one item's work, turning its refusal into that item's code.</summary>
    public static async Task<FileOutcome> RunAsync(string fileId, Func<Task<FileOutcome>> work)
    {
        try
        {
            return await work();
        }
        catch (DocumentException e)
        {
            return From(fileId, e);
        }
    }
}
