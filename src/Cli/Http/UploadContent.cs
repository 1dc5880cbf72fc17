using System.Net;

namespace ActorCloud.Cli.Http;

/// <summary>
/// A JSON request body written in slices, reporting the bytes sent so far: HttpClient has no upload progress of its
/// own, and a code package can be tens of megabytes.
/// </summary>
internal sealed class UploadContent : HttpContent
{
    private const int Slice = 64 * 1024;
    private readonly byte[] _body;
    private readonly Action<long, long>? _progress;

    public UploadContent(byte[] body, Action<long, long>? progress)
    {
        _body = body;
        _progress = progress;
        Headers.ContentType = new("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < _body.Length; offset += Slice)
        {
            var count = Math.Min(Slice, _body.Length - offset);
            await stream.WriteAsync(_body.AsMemory(offset, count), cancellationToken);
            _progress?.Invoke(offset + count, _body.Length);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
