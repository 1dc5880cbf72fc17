using ActorCloud.Bench.Indexes;
using Microsoft.Data.Sqlite;

if (BenchArguments.Parse(args, "Indexes", "leave the temporary journal behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? IndexSizes.Quick : IndexSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-indexes-").FullName;
try
{
    return await new IndexesBenchmark(sizes, work).RunAsync();
}
finally
{
    SqliteConnection.ClearAllPools();
    if (options.KeepData) Console.WriteLine($"data kept in {work}");
    else Directory.Delete(work, recursive: true);
}
