using System.Globalization;

namespace ActorCloud.Bench.Database;

/// <summary>A target from the issue and how this run measured against it.</summary>
public sealed record TargetCheck(string Name, string Measured, string Target, bool Pass);

/// <summary>
/// Prints each phase as soon as it finishes (one aligned line: count, ops/s, p50, p99, max) and the summary at the
/// end. Figures are printed, never asserted: the summary says PASS or MISS against each target.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-46} {1,9} {2,11} {3,9} {4,9} {5,9}  {6}";
    private readonly List<PhaseResult> _failed = [];

    public bool HasErrors => _failed.Count > 0;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-44} {value}");

    public static void Header() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "phase", "count", "ops/s", "p50 ms", "p99 ms", "max ms", ""));

    public void Row(PhaseResult result, string note = "")
    {
        if (result.ItemsPerOp > 1)
            note = $"{result.ItemsPerSecond.ToString("N0", CultureInfo.InvariantCulture)} docs/s {note}".TrimEnd();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, result.Name, result.Count,
            result.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture), result.P50Ms.ToString("F2", CultureInfo.InvariantCulture),
            result.P99Ms.ToString("F2", CultureInfo.InvariantCulture), result.MaxMs.ToString("F2", CultureInfo.InvariantCulture), note));
        if (result.Errors == 0) return;
        _failed.Add(result);
        Console.WriteLine($"  ! {result.Errors} of {result.Count} failed; first: {result.FirstError}");
    }

    public void Summary(IEnumerable<TargetCheck> checks)
    {
        Section("Summary");
        foreach (var check in checks)
            Console.WriteLine($"  {check.Name,-36} {check.Measured,-34} target {check.Target,-12} {(check.Pass ? "PASS" : "MISS")}");
        foreach (var failed in _failed)
            Console.WriteLine($"  ERRORS in '{failed.Name}': {failed.Errors} of {failed.Count}; first: {failed.FirstError}");
    }

    public static string Bytes(long bytes) => bytes >= 1L << 20
        ? $"{(bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture)} MB"
        : $"{(bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture)} KB";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
