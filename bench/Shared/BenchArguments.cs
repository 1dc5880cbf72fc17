namespace ActorCloud.Bench.Shared;

/// <summary>
/// The two flags every benchmark takes, parsed by hand rather than pulling in System.CommandLine: <c>--quick</c> (small
/// counts, a smoke run of about a minute) and <c>--keep-data</c> (leave the temporary data behind).
/// </summary>
public sealed record BenchArguments(bool Quick, bool KeepData)
{
    /// <summary>The flags, or null when the program is to exit with <paramref name="exitCode"/> (0 after help, 2 on a bad option).</summary>
    public static BenchArguments? Parse(string[] args, string project, string keepDataMeaning, out int exitCode)
    {
        exitCode = 0;
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine($"usage: dotnet run -c Release --project bench/{project} -- [--quick] [--keep-data]");
            Console.WriteLine("  --quick      small counts, a smoke run of about a minute");
            Console.WriteLine($"  --keep-data  {keepDataMeaning}");
            return null;
        }
        var unknown = args.Where(a => a is not ("--quick" or "--keep-data")).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown option(s): {string.Join(' ', unknown)} (try --help)");
            exitCode = 2;
            return null;
        }
        return new BenchArguments(args.Contains("--quick"), args.Contains("--keep-data"));
    }
}
