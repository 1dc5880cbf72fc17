using System.Diagnostics;

namespace ActorCloud.Bench.Functions;

/// <summary>What the cold-start phase measured: first calls on new code and on code already unpacked, deployments, the burst.</summary>
public sealed record ColdStartResult(PhaseResult NewCode, PhaseResult UnpackedCode, PhaseResult Deploys, PhaseResult Burst);

/// <summary>
/// Deploys new functions one after another and times each one's first call, which has no warm process to go to:
/// the host starts one (sandbox, <c>node</c>, <c>bootstrap.js</c>, the module's load) and then calls it. With new code
/// the first call also fetches the package from blob storage and unpacks it; a function deployed with code another
/// function already unpacked shows the process start alone. Deployments are timed apart, never with the call.
/// Last, a burst: one new function called by many clients at once, so each call starts a process of its own (up to
/// <c>MaxConcurrency</c>; the rest wait for one of them), all at the same time on the same cores.
/// </summary>
public sealed class ColdStart(FunctionCalls calls)
{
    /// <summary>Throws when a deployment or the unreported first one fails; failed measured calls are counted in the results.</summary>
    public async Task<ColdStartResult> MeasureAsync(int count)
    {
        var zips = Enumerable.Range(0, count).Select(i => FunctionZip.Of(FunctionZip.Trivial + $"// cold start {i}\n")).ToArray();
        var deploys = new List<long>();
        // Unreported: the first cold start of a host also JIT-compiles the unpacking path.
        var warmUp = await FirstCallsAsync("warm-up", 1, _ => "coldWarmUp", _ => FunctionZip.Of(FunctionZip.Trivial + "// warm-up\n"), []);
        if (warmUp.Errors > 0) throw new InvalidOperationException($"the first call of a new function failed: {warmUp.FirstError}");
        var newCode = await FirstCallsAsync("first call, new code", count, i => $"coldNew{i}", i => zips[i], deploys);
        var unpacked = await FirstCallsAsync("first call, code already unpacked", count, i => $"coldAgain{i}", i => zips[i], deploys);
        const string burst = "coldBurst";
        await calls.CreateNodeAsync(burst, FunctionZip.Of(FunctionZip.Trivial + "// burst\n"));
        var invokeBurst = calls.Invoker(burst);
        var clients = BenchSizes.ClientCounts[0];
        var burstResult = await LoadRunner.RunAsync($"burst: {clients} first calls at once", clients, clients, _ => invokeBurst());
        return new ColdStartResult(newCode, unpacked,
            PhaseResult.From("deploy (createFunction)", deploys.ToArray(), TimeSpan.FromTicks(0), 0, null), burstResult);
    }

    private async Task<PhaseResult> FirstCallsAsync(string label, int count, Func<int, string> name, Func<int, byte[]> zip, List<long> deploys)
    {
        var latencies = new long[count];
        var errors = 0;
        string? firstError = null;
        var total = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var deploy = Stopwatch.GetTimestamp();
            await calls.CreateNodeAsync(name(i), zip(i));
            deploys.Add(Stopwatch.GetTimestamp() - deploy);
            var invoke = calls.Invoker(name(i));
            var start = Stopwatch.GetTimestamp();
            try
            {
                await invoke();
            }
            catch (Exception e)
            {
                errors++;
                firstError ??= $"{e.GetType().Name}: {e.Message}";
            }
            latencies[i] = Stopwatch.GetTimestamp() - start;
            total += Stopwatch.GetElapsedTime(start);
        }
        return PhaseResult.From(label, latencies, total, errors, firstError);
    }
}
