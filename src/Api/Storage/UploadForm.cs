using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ActorCloud.Api.Storage;

/// <summary>
/// COS's form upload (<c>POST</c>, <c>multipart/form-data</c>) as the web SDK sends it: small fields
/// (<c>key</c>, <c>signature</c>, <c>x-cos-security-token</c>, <c>success_action_status</c>, …) and then the
/// <c>file</c> part. The fields are read into memory (each bounded); the file part is left unread, to be streamed.
/// </summary>
public sealed class UploadForm
{
    private const int MaxFieldBytes = 16 * 1024;
    private const int MaxFields = 32;

    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    private UploadForm(MultipartSection file) => File = file;

    /// <summary>The file part, positioned at its first byte.</summary>
    public MultipartSection File { get; }

    public string? this[string name] => _fields.GetValueOrDefault(name);

    public static bool IsForm(HttpRequest request) =>
        request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The fields before the file part; null (with why) when the body is not such a form.</summary>
    public static async Task<(UploadForm? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary)) return (null, "the form has no multipart boundary");
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = MaxFieldBytes };
        var fields = new List<KeyValuePair<string, string>>();
        for (var count = 0; count <= MaxFields; count++)
        {
            var section = await reader.ReadNextSectionAsync(cancellation);
            if (section is null) return (null, "the form has no file part");
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                return (null, "a form part has no Content-Disposition");
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name == "file" || disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                var form = new UploadForm(section);
                foreach (var (key, value) in fields) form._fields.TryAdd(key, value);
                return (form, null);
            }
            var text = await ReadFieldAsync(section, cancellation);
            if (text is null) return (null, $"form field '{name}' is longer than {MaxFieldBytes} bytes");
            fields.Add(new(name, text));
        }
        return (null, $"the form has more than {MaxFields} fields before its file part");
    }

    private static async Task<string?> ReadFieldAsync(MultipartSection section, CancellationToken cancellation)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var total = 0;
        int read;
        while ((read = await section.Body.ReadAsync(buffer.AsMemory(total), cancellation)) > 0)
        {
            total += read;
            if (total > MaxFieldBytes) return null;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
