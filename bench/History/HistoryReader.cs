using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace ActorCloud.Bench.History;

/// <summary>What one history read received: lines and bytes of body.</summary>
public sealed record StreamTotals(long Lines, long Bytes);

/// <summary>
/// <c>GET /admin/history</c> read the way a consumer of a large history must: the body as it arrives, through a
/// <see cref="PipeReader"/>, one line at a time, never buffered whole — otherwise the client, which shares the
/// host's process, would hide whether the server streams in bounded memory. NDJSON, or Server-Sent Events, whose
/// <c>id:</c> line must name the event that follows (its sequence number, or its offset in an environment's feed).
/// </summary>
public sealed class HistoryReader(Uri baseAddress, string adminKey) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<StreamTotals> ReadAsync(string query, bool sse, Action<HistoryLine> onLine)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/history?{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        request.Headers.Accept.ParseAdd(sse ? "text/event-stream" : "application/x-ndjson");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var expected = sse ? "text/event-stream" : "application/x-ndjson";
        if (response.Content.Headers.ContentType?.MediaType != expected)
            throw new InvalidDataException($"content type {response.Content.Headers.ContentType}, expected {expected}");

        var pipe = PipeReader.Create(await response.Content.ReadAsStreamAsync(), new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        long lines = 0, bytes = 0;
        long? sseId = null;
        while (true)
        {
            var read = await pipe.ReadAsync();
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                bytes += line.Length + 1;
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                if (!sse)
                {
                    if (!line.IsEmpty) Deliver(HistoryLine.Parse(line));
                }
                else if (StartsWith(line, "id: "u8)) sseId = Number(line.Slice(4));
                else if (StartsWith(line, "data: "u8))
                {
                    var parsed = HistoryLine.Parse(line.Slice(6));
                    if (sseId != (parsed.Offset ?? parsed.Seq)) throw new InvalidDataException($"SSE id {sseId} precedes event {parsed.Offset ?? parsed.Seq}");
                    sseId = null;
                    Deliver(parsed);
                }
            }
            pipe.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                if (!buffer.IsEmpty) throw new InvalidDataException("the body ended inside a line");
                break;
            }
        }
        await pipe.CompleteAsync();
        return new StreamTotals(lines, bytes);

        void Deliver(HistoryLine line)
        {
            lines++;
            onLine(line);
        }
    }

    private static bool StartsWith(ReadOnlySequence<byte> line, ReadOnlySpan<byte> prefix) =>
        new SequenceReader<byte>(line).IsNext(prefix);

    private static long Number(ReadOnlySequence<byte> digits)
    {
        ReadOnlySpan<byte> span = digits.IsSingleSegment ? digits.FirstSpan : digits.ToArray();
        return Utf8Parser.TryParse(span, out long value, out var used) && used == span.Length
            ? value
            : throw new InvalidDataException("an SSE id is not a number");
    }

    public void Dispose() => _http.Dispose();
}
