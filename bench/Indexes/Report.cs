using System.Globalization;

namespace ActorCloud.Bench.Indexes;

/// <summary>A target from the issue and how this run measured against it; no target (null) prints a dash.</summary>
public sealed record TargetCheck(string Name, string Measured, string Target, bool? Pass);

/// <summary>
/// Prints each phase as soon as it finishes (one aligned line: count, ops/s, p50, p99, max, a note) and the summary at
/// the end. Figures are printed, never asserted: the summary says PASS or MISS against each target, and only failed
/// requests make the run fail.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-48} {1,9} {2,10} {3,9} {4,9} {5,9}  {6}";
    private readonly List<string> _failures = [];

    public bool HasErrors => _failures.Count > 0;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-46} {value}");

    public static void Header() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "phase", "count", "ops/s", "p50 ms", "p99 ms", "max ms", ""));

    public PhaseResult Row(PhaseResult result, string note = "")
    {
        if (result.ItemsPerOp > 1) note = $"{Number(result.ItemsPerSecond)} docs/s {note}".TrimEnd();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, result.Name, result.Count, Number(result.OpsPerSecond),
            Number(result.P50Ms, "F2"), Number(result.P99Ms, "F2"), Number(result.MaxMs, "F2"), note));
        if (result.Errors > 0) Failure(result.Name, $"{result.Errors} of {result.Count} failed; first: {result.FirstError}");
        return result;
    }

    /// <summary>A failed request outside a measured loop (index creation, the restart's checks).</summary>
    public void Failure(string what, string message)
    {
        _failures.Add($"{what}: {message}");
        Console.WriteLine($"  ! {what}: {message}");
    }

    public void Summary(IEnumerable<TargetCheck> checks)
    {
        Section("Summary");
        foreach (var check in checks)
        {
            var verdict = check.Pass switch { true => "PASS", false => "MISS", null => "" };
            Console.WriteLine($"  {check.Name,-40} {check.Measured,-58} {("target " + check.Target),-16} {verdict}".TrimEnd());
        }
        foreach (var failure in _failures) Console.WriteLine($"  ERRORS in {failure}");
    }

    public static string Bytes(long bytes) => bytes >= 1L << 20
        ? $"{Number(bytes / 1048576.0, "N1")} MB"
        : $"{Number(bytes / 1024.0, "N1")} KB";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
