namespace ActorCloud.Bench.Storage;

/// <summary>Transfers of one side of a phase: how many, the bytes that arrived whole, wall time and failures.</summary>
public sealed record TransferResult(int Count, long Bytes, TimeSpan Elapsed, int Errors, string? FirstError)
{
    public static readonly TransferResult None = new(0, 0, TimeSpan.Zero, 0, null);

    /// <summary>MB here and everywhere in the report is 2^20 bytes, the unit the file sizes are given in.</summary>
    public double MegabytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / 1048576.0 / Elapsed.TotalSeconds : 0;

    /// <summary>Two rounds of the same side: the phase's rate is its total bytes over its total time.</summary>
    public TransferResult Plus(TransferResult other) =>
        new(Count + other.Count, Bytes + other.Bytes, Elapsed + other.Elapsed, Errors + other.Errors, FirstError ?? other.FirstError);
}

/// <summary>One phase direction measured on both sides; ActorCloud over direct is the figure with a target.</summary>
public sealed record Comparison(string Name, TransferResult ActorCloud, TransferResult Direct)
{
    public double Ratio => Direct.MegabytesPerSecond > 0 ? ActorCloud.MegabytesPerSecond / Direct.MegabytesPerSecond : 0;
}
