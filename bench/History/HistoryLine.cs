using System.Buffers;
using System.Text.Json;

namespace ActorCloud.Bench.History;

/// <summary>The operations a history line names (<c>src/Api/History/HistoryJson.cs</c>); the rest are <see cref="Other"/>.</summary>
public enum HistoryOp { Other, Create, Insert, Update, Replace, Remove }

/// <summary>
/// What the benchmark needs from one line of history: its sequence number (and offset in an environment's feed),
/// time, operation and how many ids it touched. Parsed with <see cref="Utf8JsonReader"/> straight from the received
/// bytes, skipping the documents, so reading costs the client little and allocates nothing per line.
/// </summary>
public readonly record struct HistoryLine(long Seq, long? Offset, DateTime? At, HistoryOp Op, int IdCount)
{
    public static HistoryLine Parse(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new InvalidDataException("a history line is not a JSON object");
        long seq = 0;
        long? offset = null;
        DateTime? at = null;
        var op = HistoryOp.Other;
        var ids = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("seq"u8) ? Member.Seq
                : reader.ValueTextEquals("offset"u8) ? Member.Offset
                : reader.ValueTextEquals("at"u8) ? Member.At
                : reader.ValueTextEquals("op"u8) ? Member.Op
                : reader.ValueTextEquals("ids"u8) ? Member.Ids
                : Member.Skipped;
            reader.Read();
            switch (property)
            {
                case Member.Seq: seq = reader.GetInt64(); break;
                case Member.Offset: offset = reader.GetInt64(); break;
                case Member.At: at = reader.GetDateTime(); break;
                case Member.Op: op = OpOf(ref reader); break;
                case Member.Ids: ids = CountElements(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new HistoryLine(seq, offset, at, op, ids);
    }

    private enum Member { Skipped, Seq, Offset, At, Op, Ids }

    private static HistoryOp OpOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("insert"u8) ? HistoryOp.Insert
        : reader.ValueTextEquals("update"u8) ? HistoryOp.Update
        : reader.ValueTextEquals("remove"u8) ? HistoryOp.Remove
        : reader.ValueTextEquals("replace"u8) ? HistoryOp.Replace
        : reader.ValueTextEquals("create"u8) ? HistoryOp.Create
        : HistoryOp.Other;

    private static int CountElements(ref Utf8JsonReader reader)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }
        return count;
    }
}
