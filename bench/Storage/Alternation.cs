namespace ActorCloud.Bench.Storage;

/// <summary>
/// Runs a phase on both sides in alternating rounds, in ABBA order (ActorCloud first in even rounds, direct
/// first in odd ones), so neither side always gets the warmer machine, the emptier disk cache or the slot after
/// the other's garbage. Each side's rate is its bytes over the sum of its own rounds' time.
/// </summary>
public static class Alternation
{
    public static async Task<Comparison> RunAsync(
        string name, IFileTarget actorCloud, IFileTarget direct, int files, int filesPerRound, int clients,
        Func<IFileTarget, int, Task<long>> transfer)
    {
        var actorCloudTotal = TransferResult.None;
        var directTotal = TransferResult.None;
        for (int round = 0, first = 0; first < files; round++, first += filesPerRound)
        {
            var count = Math.Min(filesPerRound, files - first);
            var start = first;
            Task<TransferResult> Run(IFileTarget target) => TransferRunner.RunAsync(start, count, clients, i => transfer(target, i));
            if (round % 2 == 0)
            {
                actorCloudTotal = actorCloudTotal.Plus(await Run(actorCloud));
                directTotal = directTotal.Plus(await Run(direct));
            }
            else
            {
                directTotal = directTotal.Plus(await Run(direct));
                actorCloudTotal = actorCloudTotal.Plus(await Run(actorCloud));
            }
        }
        return new Comparison(name, actorCloudTotal, directTotal);
    }
}
