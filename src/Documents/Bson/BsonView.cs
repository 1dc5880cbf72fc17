using System.Buffers.Binary;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ActorCloud.Documents.Bson;

/// <summary>
/// A stored document read in place, for a query to test before the document is read whole: looking a field up walks
/// the BSON elements and builds only the value found (a sub-document is another view). A collection scan thus costs a
/// few hundred nanoseconds a document instead of the microseconds of reading each into a <see cref="BsonDocument"/>.
/// </summary>
/// <remarks>
/// Read-only, like the <see cref="RawBsonDocument"/> it extends, whose (slower, complete) implementation answers
/// every other member. Arrays are built whole, since traversals index them; a field of a rarer type (binary, regex,
/// code…) is read from the document read whole.
/// </remarks>
public sealed class BsonView : RawBsonDocument
{
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly int _end;

    public BsonView(byte[] bytes) : this(bytes, 0, bytes.Length, new ByteArrayBuffer(bytes, isReadOnly: true))
    {
    }

    private BsonView(byte[] bytes, int start, int length, IByteBuffer buffer) : base(buffer)
    {
        _bytes = bytes;
        _start = start;
        _end = start + length - 1;
    }

    public override BsonValue this[string name]
    {
        get => GetValue(name);
        set => base[name] = value;
    }

    public override bool Contains(string name) => Seek(name, out _) != 0;

    public override BsonValue GetValue(string name) =>
        TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"Element '{name}' not found.");

    public override BsonValue GetValue(string name, BsonValue defaultValue) => TryGetValue(name, out var value) ? value : defaultValue;

    public override bool TryGetValue(string name, out BsonValue value)
    {
        var type = Seek(name, out var at);
        if (type == 0)
        {
            value = null!;
            return false;
        }
        value = Decode(type, at) ?? ToDocument()[name];
        return true;
    }

    /// <summary>The type of the element called <paramref name="name"/> (0: none) and where its value starts.</summary>
    private byte Seek(string name, out int valueAt)
    {
        var at = _start + 4;
        while (at < _end)
        {
            var type = _bytes[at++];
            var nameStart = at;
            while (_bytes[at] != 0) at++;
            var nameEnd = at++;
            if (NameIs(nameStart, nameEnd, name))
            {
                valueAt = at;
                return type;
            }
            at += SizeOf(type, at);
        }
        valueAt = 0;
        return 0;
    }

    private bool NameIs(int start, int end, string name)
    {
        var length = end - start;
        if (length == name.Length)
        {
            for (var i = 0; i < length; i++)
            {
                if (_bytes[start + i] != name[i]) return false;
            }
            return true;
        }
        // UTF-8 never takes fewer bytes than UTF-16 chars; more only for a name beyond ASCII.
        return length > name.Length && !Ascii.IsValid(name) && Encoding.UTF8.GetString(_bytes, start, length) == name;
    }

    private int SizeOf(byte type, int at) => type switch
    {
        0x01 or 0x09 or 0x11 or 0x12 => 8,
        0x02 or 0x0D or 0x0E => 4 + Int32At(at),
        0x03 or 0x04 or 0x0F => Int32At(at),
        0x05 => 5 + Int32At(at),
        0x06 or 0x0A or 0x7F or 0xFF => 0,
        0x07 => 12,
        0x08 => 1,
        0x0B => CStringEnd(CStringEnd(at) + 1) + 1 - at,
        0x0C => 4 + Int32At(at) + 12,
        0x10 => 4,
        0x13 => 16,
        _ => throw new FormatException($"unknown BSON type 0x{type:x2}"),
    };

    /// <summary>The value at <paramref name="at"/>, or null for the types left to the base class.</summary>
    private BsonValue? Decode(byte type, int at) => type switch
    {
        0x01 => new BsonDouble(BinaryPrimitives.ReadDoubleLittleEndian(_bytes.AsSpan(at))),
        0x02 => new BsonString(Encoding.UTF8.GetString(_bytes, at + 4, Int32At(at) - 1)),
        0x03 => new BsonView(_bytes, at, Int32At(at), new ByteArrayBuffer(_bytes, isReadOnly: true).GetSlice(at, Int32At(at))),
        0x04 => ArrayAt(at),
        0x06 => BsonUndefined.Value,
        0x07 => new BsonObjectId(new ObjectId(_bytes.AsSpan(at, 12).ToArray())),
        0x08 => (BsonBoolean)(_bytes[at] != 0),
        0x09 => new BsonDateTime(Int64At(at)),
        0x0A => BsonNull.Value,
        0x10 => (BsonInt32)Int32At(at),
        0x11 => new BsonTimestamp(Int64At(at)),
        0x12 => new BsonInt64(Int64At(at)),
        0x13 => new BsonDecimal128(Decimal128.FromIEEEBits((ulong)Int64At(at + 8), (ulong)Int64At(at))),
        0x7F => BsonMaxKey.Value,
        0xFF => BsonMinKey.Value,
        _ => null,
    };

    /// <summary>The document read whole into a graph of its own, which the caller may change.</summary>
    public BsonDocument ToDocument() => BsonBytes.Read(new ReadOnlyMemory<byte>(_bytes, _start, _end - _start + 1));

    /// <summary>An array's elements built one by one (the same way as fields), or read whole when one is a rarer type.</summary>
    private BsonArray ArrayAt(int start)
    {
        var length = Int32At(start);
        var array = new BsonArray();
        var at = start + 4;
        while (at < start + length - 1)
        {
            var type = _bytes[at++];
            at = CStringEnd(at) + 1;
            if (Decode(type, at) is not { } element)
                return new BsonArray(BsonBytes.Read(new ReadOnlyMemory<byte>(_bytes, start, length)).Values);
            array.Add(element);
            at += SizeOf(type, at);
        }
        return array;
    }

    private int Int32At(int at) => BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(at));

    private long Int64At(int at) => BinaryPrimitives.ReadInt64LittleEndian(_bytes.AsSpan(at));

    private int CStringEnd(int at)
    {
        while (_bytes[at] != 0) at++;
        return at;
    }
}
