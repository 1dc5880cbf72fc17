using System.Globalization;

namespace ActorCloud.Bench.Functions;

/// <summary>A target from the issue and how this run measured against it.</summary>
public sealed record TargetCheck(string Name, string Measured, string Target, bool Pass);

/// <summary>
/// Prints each phase as soon as it finishes (one aligned line: calls, calls/s, p50, p99, max, a note) and the summary
/// at the end. Figures are printed, never asserted: the summary says PASS or MISS against each target, and any
/// failed call makes the exit code 1.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-40} {1,7} {2,9} {3,8} {4,8} {5,8}  {6}";
    private readonly List<PhaseResult> _failed = [];

    public bool HasErrors => _failed.Count > 0;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-38} {value}");

    public static void Header() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "phase", "calls", "calls/s", "p50 ms", "p99 ms", "max ms", ""));

    /// <summary>Prints a phase; <paramref name="rate"/> is false where calls/s means nothing (one call per deployment).</summary>
    public PhaseResult Row(PhaseResult result, string note = "", bool rate = true)
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, result.Name, result.Count,
            rate ? Number(result.CallsPerSecond) : "-", Number(result.P50Ms, "F2"), Number(result.P99Ms, "F2"),
            Number(result.MaxMs, "F2"), note));
        if (result.Errors > 0)
        {
            _failed.Add(result);
            Console.WriteLine($"  ! {result.Errors} of {result.Count} failed; first: {result.FirstError}");
        }
        return result;
    }

    public void Summary(IEnumerable<TargetCheck> checks)
    {
        Section("Summary");
        foreach (var check in checks)
            Console.WriteLine($"  {check.Name,-30} {check.Measured,-50} target {check.Target,-16} {(check.Pass ? "PASS" : "MISS")}");
        foreach (var failed in _failed)
            Console.WriteLine($"  ERRORS in '{failed.Name}': {failed.Errors} of {failed.Count}; first: {failed.FirstError}");
    }

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
