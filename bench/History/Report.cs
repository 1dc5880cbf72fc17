using System.Globalization;

namespace ActorCloud.Bench.History;

/// <summary>A figure of the summary: what was measured, against what baseline of the same run, and their ratio.</summary>
public sealed record Comparison(string Name, string Measured, string Baseline, double Ratio);

/// <summary>
/// Prints each phase as soon as it finishes (one aligned line: count, rate, p50, p99, max, a note) and the summary
/// of ratios at the end. Figures are printed, never asserted; a failed request or delivery is printed under its
/// phase and again in the summary, and makes the exit code 1.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-42} {1,8} {2,10} {3,-9} {4,8} {5,8} {6,8}  {7}";
    private readonly List<PhaseResult> _failed = [];

    public bool HasErrors => _failed.Count > 0;

    public IReadOnlyList<PhaseResult> Failures => _failed;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-40} {value}");

    public static void Header() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "phase", "count", "rate", "", "p50 ms", "p99 ms", "max ms", ""));

    public PhaseResult Row(PhaseResult result, string note = "")
    {
        var latency = result.Latency;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, result.Name, Number(result.Count),
            Number(result.Rate), result.Unit, Ms(latency?.P50Ms), Ms(latency?.P99Ms), Ms(latency?.MaxMs), note));
        if (result.Errors > 0)
        {
            _failed.Add(result);
            Console.WriteLine($"  ! {result.Errors} of {result.Count} failed; first: {result.FirstError}");
        }
        return result;
    }

    public void Summary(IEnumerable<Comparison> comparisons)
    {
        Section("Summary (ratio = measured / baseline of this run)");
        foreach (var c in comparisons)
            Console.WriteLine($"  {c.Name,-34} {c.Measured,-26} baseline {c.Baseline,-26} ratio {Ratio(c.Ratio)}");
        foreach (var failed in _failed)
            Console.WriteLine($"  ERRORS in '{failed.Name}': {failed.Errors} of {failed.Count}; first: {failed.FirstError}");
    }

    public static string Bytes(long bytes) => bytes >= 1L << 20
        ? $"{(bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture)} MB"
        : $"{(bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture)} KB";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Three significant digits or more: history reads come out near 0.01 of the baseline, as-of counts near 1 000 times.</summary>
    private static string Ratio(double value) => Number(value, value >= 100 ? "N0" : value >= 1 ? "F2" : "F3");

    private static string Ms(double? value) => value is { } ms ? Number(ms, "F2") : "-";
}
