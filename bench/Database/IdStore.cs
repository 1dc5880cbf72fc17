using System.Globalization;

namespace ActorCloud.Bench.Database;

/// <summary>
/// The ids the server handed out, kept as 128-bit numbers rather than strings: the benchmark shares the
/// server's process, and 100 000 id strings (~10 MB) would inflate the measured bytes per document.
/// </summary>
public sealed class IdStore(int capacity)
{
    private readonly UInt128[] _ids = new UInt128[capacity];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            // ActorCloud's generated ids are 32 lowercase hex characters (src/Documents/Bson/DocumentIds.cs).
            var value = UInt128.Parse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            _ids[Interlocked.Increment(ref _count) - 1] = value;
        }
    }

    public string this[int index] => _ids[index].ToString("x32", CultureInfo.InvariantCulture);
}
