using System.Globalization;

namespace ActorCloud.Bench.Storage;

/// <summary>A target from the issue and how this run measured against it.</summary>
public sealed record TargetCheck(string Name, string Measured, string Target, bool Pass);

/// <summary>
/// Prints each phase as soon as it finishes (one aligned line per direction: files, MB/s through ActorCloud,
/// MB/s direct, the ratio) and the summary at the end. Figures are printed, never asserted: the summary says PASS
/// or MISS against each target, and any failed transfer makes the exit code 1.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-34} {1,7} {2,15} {3,12} {4,8}";
    private readonly List<string> _failures = [];

    public bool HasErrors => _failures.Count > 0;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-40} {value}");

    public static void Header() =>
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, "phase", "files", "ActorCloud MB/s", "direct MB/s", "ratio"));

    /// <summary>Prints the comparison (unless it is a warm-up) and records its failures either way.</summary>
    public Comparison Row(Comparison comparison, bool print = true)
    {
        if (print)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, comparison.Name, comparison.ActorCloud.Count,
                Number(comparison.ActorCloud.MegabytesPerSecond, "F1"), Number(comparison.Direct.MegabytesPerSecond, "F1"),
                Number(comparison.Ratio, "F2")));
        Failed(comparison.Name + " (ActorCloud)", comparison.ActorCloud);
        Failed(comparison.Name + " (direct)", comparison.Direct);
        return comparison;
    }

    public void Failed(string name, TransferResult result)
    {
        if (result.Errors > 0) Failure($"'{name}': {result.Errors} of {result.Count} failed; first: {result.FirstError}");
    }

    public void Failure(string message)
    {
        _failures.Add(message);
        Console.WriteLine($"  ! {message}");
    }

    public void Summary(IEnumerable<TargetCheck> checks)
    {
        Section("Summary");
        foreach (var check in checks)
            Console.WriteLine($"  {check.Name,-30} {check.Measured,-44} target {check.Target,-9} {(check.Pass ? "PASS" : "MISS")}");
        foreach (var failure in _failures) Console.WriteLine($"  ERRORS in {failure}");
    }

    public static string Megabytes(long bytes) => $"{Number(bytes / 1048576.0, "N1")} MB";

    /// <summary>A file size as the phases name it: "256 MB", "1 GB".</summary>
    public static string FileSize(long bytes) => bytes >= 1L << 30 && bytes % (1L << 30) == 0
        ? $"{bytes >> 30} GB"
        : $"{Number(bytes / 1048576.0, "0.#")} MB";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
