using Akka.Actor;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// A seeded random workload (<see cref="ISimulationWorkload"/>) against one entity with the journal and snapshot store
/// misbehaving on purpose: writes that fail or are rejected, recoveries that fail, snapshots that fail, slow writes,
/// passivations. After every <see cref="SimulationOptions.CheckEvery"/> steps and at the end it checks that the live
/// state, a fresh replay of the journal (no snapshot) and a recovery (from the latest snapshot) all equal the
/// workload's model fed only the acknowledged commands — so nothing acknowledged was lost and nothing refused changed
/// anything. A broken invariant throws <see cref="SimulationFailure"/> naming the seed and the last actions.
/// </summary>
public sealed class EntitySimulation
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Answers an entity sent before it stopped are in flight in-process; this is ample for them to land.</summary>
    private static readonly TimeSpan LateAnswerGrace = TimeSpan.FromMilliseconds(200);

    private readonly ISimulationWorkload _workload;
    private readonly SimulationOptions _options;
    private readonly SimulationSystem _system;
    private readonly Random _random;
    private readonly SimulationTrail _trail;
    private readonly IActorRef _entity;
    private int _acknowledged;
    private int _refused;
    private int _checks;

    private EntitySimulation(ISimulationWorkload workload, SimulationOptions options, SimulationSystem system)
    {
        _workload = workload;
        _options = options;
        _system = system;
        _random = new Random(options.Seed);
        _trail = new SimulationTrail(options.Seed);
        _entity = system.System.ActorOf(EntityHost.Props(workload.Entity));
    }

    /// <param name="workload">Made for this run (it holds the run's model); <paramref name="options"/> seed the rest.</param>
    public static async Task<SimulationReport> RunAsync(ISimulationWorkload workload, SimulationOptions options)
    {
        await using var system = await SimulationSystem.StartAsync();
        return await new EntitySimulation(workload, options, system).RunAsync();
    }

    private async Task<SimulationReport> RunAsync()
    {
        foreach (var message in _workload.Setup) await AskAsync(message);
        for (_trail.Step = 1; _trail.Step <= _options.Steps; _trail.Step++)
        {
            if (_random.NextDouble() < _options.FaultRate) await FaultAsync(SimulationFaults.Pick(_random));
            else await BatchAsync(writesFail: false);
            if (_trail.Step % _options.CheckEvery == 0) await CheckAsync();
        }
        await CheckAsync();
        return new SimulationReport(_options.Seed, _acknowledged, _refused, _trail.Faults, _checks);
    }

    private async Task FaultAsync(SimulationFault fault)
    {
        _trail.Count(fault.ToString());
        _trail.Note($"fault {fault}");
        var journal = _system.Journal;
        switch (fault)
        {
            case SimulationFault.WriteFails:
                await journal.OnWrite.Fail();
                await BatchAsync(writesFail: true);
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.WriteRejected:
                await journal.OnWrite.Reject();
                await BatchAsync(writesFail: false);
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.SlowWrite:
                await journal.OnWrite.PassWithDelay(TimeSpan.FromMilliseconds(30));
                await BatchAsync(writesFail: false);
                await journal.OnWrite.Pass();
                break;
            case SimulationFault.SnapshotFails:
                await _system.Snapshots.OnSave.Fail();
                await BatchAsync(writesFail: false);
                await _system.Snapshots.OnSave.Pass();
                break;
            case SimulationFault.RecoveryFails:
                await PassivateAsync();
                await journal.OnRecovery.Fail();
                // The entity cannot start — unless its latest snapshot left no event to replay — and the read is lost
                // with it, as it would be in sharding; the next start recovers. An answer must be right all the same.
                var reply = await TryAskAsync(_workload.StateQuery, TimeSpan.FromSeconds(1));
                if (reply is not null) Compare("the state of an entity whose recovery was failing", _workload.Differences(reply));
                else await AwaitStopAsync("after its recovery failed");
                await journal.OnRecovery.Pass();
                break;
            case SimulationFault.Passivation:
                await PassivateAsync();
                break;
        }
    }

    /// <param name="writesFail">The journal fails writes: the entity stops, and may take queued commands' answers with it.</param>
    private async Task BatchAsync(bool writesFail)
    {
        var commands = _workload.Batch(_random, _options.Concurrency);
        var answers = commands.Select(c => TryAskAsync(c.Message, AskTimeout)).ToList();
        var answered = Task.WhenAll(answers);
        var stoppedMeanwhile = writesFail && await StoppedBeforeAnsweringAsync(answered);
        if (!stoppedMeanwhile) await answered;
        var stops = false;
        for (var i = 0; i < commands.Count; i++)
        {
            var reply = answers[i].IsCompletedSuccessfully ? await answers[i] : null;
            _trail.Note($"{commands[i]} → {reply?.ToString() ?? "no answer"}");
            if (reply is null)
            {
                if (!stoppedMeanwhile) throw Violation($"{commands[i]} was never answered: the entity is wedged");
                if (!_workload.QueuedCommandsDieWithEntity) throw Violation($"{commands[i]} was never answered before its entity stopped");
                // Not made: the entity died before deciding it, and the next check compares with a model without it.
                _trail.Count("AnswerLost");
                continue;
            }
            if (commands[i].Answered(reply) is { } violation) throw Violation(violation);
            stops |= _workload.StopsEntity(reply);
            if (_workload.Refused(reply)) _refused++;
            else _acknowledged++;
        }
        if (stoppedMeanwhile) _workload.Stopped();
        // A journal failure stops the entity once it has answered; wait for that, as sharding would restart it after.
        else if (stops) await AwaitStopAsync("after a journal failure");
    }

    /// <summary>Whether the entity stopped before every answer came; if so, the answers it did send are let land.</summary>
    private async Task<bool> StoppedBeforeAnsweringAsync(Task answered)
    {
        var stopped = AskStoppedAsync(AskTimeout);
        if (await Task.WhenAny(answered, stopped) == answered || !await stopped) return false;
        await Task.WhenAny(answered, Task.Delay(LateAnswerGrace));
        return true;
    }

    private async Task CheckAsync()
    {
        _checks++;
        Compare("the live state", _workload.Differences(await AskAsync(_workload.StateQuery)));
        Compare("a fresh replay of the journal", await _workload.ReplayDifferencesAsync(_system.System));
        await PassivateAsync();
        Compare("the recovered state", _workload.Differences(await AskAsync(_workload.StateQuery)));
    }

    private void Compare(string what, IReadOnlyList<string> differences)
    {
        if (differences.Count > 0) throw Violation($"{what} differs from the model of acknowledged commands: {string.Join("; ", differences)}");
    }

    private async Task PassivateAsync()
    {
        _entity.Tell(EntityHost.Passivate.Instance);
        await AwaitStopAsync("when passivated");
    }

    private async Task AwaitStopAsync(string when)
    {
        if (!await AskStoppedAsync(TimeSpan.FromSeconds(5))) throw Violation($"the entity did not stop {when}");
        _workload.Stopped();
    }

    private async Task<bool> AskStoppedAsync(TimeSpan within)
    {
        try
        {
            return await _entity.Ask<bool>(new EntityHost.AwaitStop(within), within + AskTimeout);
        }
        catch (AskTimeoutException)
        {
            return false;
        }
    }

    private async Task<object> AskAsync(object message) =>
        await TryAskAsync(message, AskTimeout) ?? throw Violation($"{message} was never answered");

    private async Task<object?> TryAskAsync(object message, TimeSpan timeout)
    {
        try
        {
            return await _entity.Ask<object>(message, timeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private SimulationFailure Violation(string violation) => _trail.Violation(violation);
}
