using ActorCloud.Bench.Database;
using Microsoft.Data.Sqlite;

if (BenchArguments.Parse(args, "Database", "leave the temporary journals behind for inspection", out var exitCode) is not { } options) return exitCode;

var sizes = options.Quick ? BenchSizes.Quick : BenchSizes.Full;
var work = Directory.CreateTempSubdirectory("actorcloud-bench-").FullName;
try
{
    return await new DatabaseBenchmark(sizes, work).RunAsync();
}
finally
{
    SqliteConnection.ClearAllPools();
    if (!options.KeepData) Directory.Delete(work, recursive: true);
}
