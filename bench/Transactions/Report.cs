using System.Globalization;

namespace ActorCloud.Bench.Transactions;

/// <summary>
/// Prints each phase as soon as it finishes (transfers, transfers per second, p50, p99, max, conflicts per commit; a
/// transactional phase adds a line with its retries and the mean time of each step) and the summary of ratios at the
/// end. Figures are printed, never asserted; failed requests are printed under their phase and again in the summary.
/// </summary>
public sealed class Report
{
    private const string RowFormat = "{0,-38} {1,7} {2,9} {3,11} {4,8} {5,8} {6,9} {7,10}";
    private readonly List<TransferResult> _failed = [];

    public bool HasErrors => _failed.Count > 0;

    public static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title} ==");

    public static void Line(string label, string value) => Console.WriteLine($"  {label,-36} {value}");

    public static void Header() => Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat,
        "phase", "clients", "transfers", "transfers/s", "p50 ms", "p99 ms", "max ms", "conflicts/"));

    public TransferResult Row(TransferResult r)
    {
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat, r.Name, r.Clients, Number(r.Committed), Number(r.Rate, "N1"),
            Number(r.Loop.P50Ms, "F2"), Number(r.Loop.P99Ms, "F2"), Number(r.Loop.MaxMs, "F1"), r.Transactional ? Number(r.ConflictRate, "F3") + "/commit" : "-"));
        if (r.Steps is { } s)
        {
            Console.WriteLine($"    {Number(r.Conflicts)} conflicts ({Number(r.ConflictsBeforeCommit)} before commit), most attempts for one transfer {r.MaxAttempts}, " +
                $"{Number(r.BeyondSdkRetries)} needed more than node-sdk's {TransferPhases.SdkAttempts - 1} retries");
            Console.WriteLine($"    committed attempt, mean ms: start {Number(s.Start, "F2")}, 2 reads {Number(s.Reads, "F2")}, " +
                $"2 updates + insert {Number(s.Writes, "F2")}, commit {Number(s.Commit, "F2")}");
            if (r.Declined > 0) Console.WriteLine($"    ! {Number(r.Declined)} declined for lack of funds (aborted)");
            if (r.GaveUp > 0) Console.WriteLine($"    ! {Number(r.GaveUp)} given up after {TransferPhases.AttemptLimit} conflicts in a row");
        }
        if (r.Loop.Errors > 0)
        {
            _failed.Add(r);
            Console.WriteLine($"  ! {r.Loop.Errors} of {r.Loop.Count} failed; first: {r.Loop.FirstError}");
        }
        return r;
    }

    /// <summary>A phase that is not printed (the warm-up) still counts its failures.</summary>
    public void Quiet(TransferResult r)
    {
        if (r.Loop.Errors == 0) return;
        _failed.Add(r);
        Console.WriteLine($"  ! {r.Name}: {r.Loop.Errors} of {r.Loop.Count} failed; first: {r.Loop.FirstError}");
    }

    public IReadOnlyList<string> Failures => [.. _failed.Select(f => $"ERRORS in '{f.Name}': {f.Loop.Errors} of {f.Loop.Count}; first: {f.Loop.FirstError}")];

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
