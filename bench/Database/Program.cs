using ActorCloud.Bench.Database;
using Microsoft.Data.Sqlite;

// Two flags only, so they are parsed by hand rather than pulling in System.CommandLine.
if (args.Any(a => a is "-h" or "--help"))
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Database -- [--quick] [--keep-data]");
    Console.WriteLine("  --quick      small counts, a smoke run of about a minute");
    Console.WriteLine("  --keep-data  leave the temporary journals behind for inspection");
    return 0;
}
var unknown = args.Where(a => a is not ("--quick" or "--keep-data")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown option(s): {string.Join(' ', unknown)} (try --help)");
    return 2;
}

var sizes = args.Contains("--quick") ? BenchSizes.Quick : BenchSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-").FullName;
try
{
    return await new DatabaseBenchmark(sizes, work).RunAsync();
}
finally
{
    SqliteConnection.ClearAllPools();
    if (!args.Contains("--keep-data")) Directory.Delete(work, recursive: true);
}
