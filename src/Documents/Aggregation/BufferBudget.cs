namespace ActorCloud.Documents.Aggregation;

/// <summary>
/// The bytes one blocking stage holds during one run. Charging past the limit fails the request rather than
/// letting a large collection or a runaway <c>$push</c> grow the process without bound.
/// </summary>
internal sealed class BufferBudget(string stage, long maxBytes)
{
    private long _held;

    public void Charge(long bytes)
    {
        _held += bytes;
        if (_held > maxBytes)
            throw DocumentException.RequestFailed(
                $"{stage} exceeded the memory limit of {maxBytes} bytes for the documents it holds; filter or $limit the input first");
    }

    public void Release(long bytes) => _held -= bytes;
}
