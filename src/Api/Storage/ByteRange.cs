using Microsoft.Net.Http.Headers;

namespace ActorCloud.Api.Storage;

/// <summary>
/// Which bytes of a file a GET asks for: one <c>Range</c> (first-last, open-ended or suffix) answered 206, an
/// unsatisfiable one 416, anything else — no header, several ranges, an <c>If-Range</c> for another version — the
/// whole file with 200, as RFC 9110 allows.
/// </summary>
public static class ByteRange
{
    public static (long Offset, long Length, int Status) Select(HttpRequest request, EntityTagHeaderValue etag, long size)
    {
        var whole = (0L, size, StatusCodes.Status200OK);
        var headers = request.GetTypedHeaders();
        var range = headers.Range;
        if (range is null || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
            return whole;
        if (headers.IfRange is { } ifRange && (ifRange.EntityTag is null || !ifRange.EntityTag.Compare(etag, useStrongComparison: true)))
            return whole;
        var item = range.Ranges.Single();
        long from, to;
        if (item.From is null)
        {
            if (item.To is null or 0) return (0, 0, StatusCodes.Status416RangeNotSatisfiable);
            from = Math.Max(0, size - item.To.Value);
            to = size - 1;
        }
        else
        {
            from = item.From.Value;
            to = Math.Min(item.To ?? size - 1, size - 1);
        }
        return from >= size || from > to
            ? (0, 0, StatusCodes.Status416RangeNotSatisfiable)
            : (from, to - from + 1, StatusCodes.Status206PartialContent);
    }
}
