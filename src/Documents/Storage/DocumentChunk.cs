namespace ActorCloud.Documents.Storage;

/// <summary>
/// <see cref="DocumentStore.ChunkSize"/> consecutive slots. A slot holds its document's BSON in memory, or the
/// document's location in the spill file, or nothing (a hole). Chunks shared with a snapshot are never written: the
/// store copies one before its first write after the snapshot (<see cref="Version"/>).
/// </summary>
internal sealed class DocumentChunk
{
    public DocumentChunk(int version) : this(new byte[]?[DocumentStore.ChunkSize], null, version)
    {
    }

    private DocumentChunk(byte[]?[] resident, long[]? spilled, int version)
    {
        Resident = resident;
        Spilled = spilled;
        Version = version;
    }

    public byte[]?[] Resident { get; }

    /// <summary>Spill-file locations (0: none), allocated when the chunk first spills.</summary>
    public long[]? Spilled { get; private set; }

    public int Version { get; }

    public DocumentChunk Copy(int version) => new((byte[]?[])Resident.Clone(), (long[]?)Spilled?.Clone(), version);

    public long[] SpilledSlots() => Spilled ??= new long[DocumentStore.ChunkSize];

    public bool IsHole(int index) => Resident[index] is null && (Spilled is null || Spilled[index] == 0);

    public byte[]? Bytes(int index, SpillFile? spill)
    {
        if (Resident[index] is { } bytes) return bytes;
        return Spilled is { } spilled && spilled[index] != 0 ? spill!.Read(spilled[index]) : null;
    }

    /// <summary>The documents in the first <paramref name="used"/> slots of chunked storage, holes skipped.</summary>
    public static IEnumerable<(int Slot, byte[] Bytes)> Occupied(DocumentChunk[] chunks, int used, SpillFile? spill)
    {
        for (var slot = 0; slot < used; slot++)
        {
            if (chunks[slot / DocumentStore.ChunkSize].Bytes(slot % DocumentStore.ChunkSize, spill) is { } bytes) yield return (slot, bytes);
        }
    }

    public static byte[]? BytesAt(DocumentChunk[] chunks, int used, int slot, SpillFile? spill) =>
        slot >= 0 && slot < used ? chunks[slot / DocumentStore.ChunkSize].Bytes(slot % DocumentStore.ChunkSize, spill) : null;
}
