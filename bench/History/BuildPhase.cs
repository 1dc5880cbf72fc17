namespace ActorCloud.Bench.History;

/// <summary>
/// Phase 1: a collection's history written the way an application writes it — single-document inserts from 32
/// clients, each answered once its event is durable and each one event — then updates and removes by <c>_id</c>
/// (one event each), so history holds mixed operations.
/// </summary>
public sealed class BuildPhase(BenchSizes sizes, AdminCalls calls, Report report)
{
    private static readonly string CountEdits = $$$"""{"$inc":{"edits":{{{Ejson.Int(1)}}}}}""";

    public async Task RunAsync(string collection)
    {
        await calls.AddCollectionAsync(collection);
        var ids = new string[sizes.Inserts];
        report.Row(await LoadRunner.RunAsync("insert single doc (one event each)", sizes.Inserts,
            async i => ids[i] = await calls.InsertAsync(collection, Ejson.Document(i))));
        report.Row(await LoadRunner.RunAsync("update by _id ($inc)", sizes.Updates,
            i => calls.UpdateByIdAsync(collection, ids[Spread(i, ids.Length)], CountEdits)));
        report.Row(await LoadRunner.RunAsync("remove by _id", sizes.Removes,
            i => calls.RemoveByIdAsync(collection, ids[Spread(i, ids.Length)])));
    }

    /// <summary>
    /// Scattered but repeatable positions (a prime stride): distinct for the removes, and the updates, which all come
    /// first, touch documents all over the collection.
    /// </summary>
    private static int Spread(int i, int count) => (int)((long)i * 7919 % count);
}
