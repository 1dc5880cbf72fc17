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
        return _trail.Report();
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
                var stops = await StopsAsync();
                // The entity cannot start — unless its latest snapshot left no event to replay — and the read is lost
                // with it, as it would be in sharding; the next start recovers. An answer must be right all the same.
                var probe = TryAskAsync(_workload.StateQuery, AskTimeout);
                var stopped = await StoppedBeforeAnsweringAsync(probe, stops);
                if ((probe.IsCompleted ? await probe : null) is { } reply)
                    Compare("the state of an entity whose recovery was failing", _workload.Differences(reply));
                else if (!stopped) throw Violation("an entity whose recovery was failing neither answered nor stopped");
                if (stopped) _workload.Stopped();
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
        var stopsBefore = await StopsAsync();
        var commands = _workload.Batch(_random, _options.Concurrency);
        var answers = commands.Select(c => TryAskAsync(c.Message, AskTimeout)).ToList();
        var answered = Task.WhenAll(answers);
        var stoppedMeanwhile = writesFail && await StoppedBeforeAnsweringAsync(answered, stopsBefore);
        if (!stoppedMeanwhile) await answered;
        // The incarnation that got the batch stopped somewhere in it; later commands went to the next one (if a command
        // after the stop started it), so the model is told at that point in the answers, as the entity lived it.
        var stopped = false;
        void Stopped()
        {
            if (!stopped) _workload.Stopped();
            stopped = true;
        }
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
                Stopped();
                continue;
            }
            if (commands[i].Answered(reply) is { } violation) throw Violation(violation);
            _trail.Answered(refused: _workload.Refused(reply));
            if (_workload.StopsEntity(reply)) Stopped();
        }
        if (stoppedMeanwhile) Stopped();
        // A journal failure stops the entity once it has answered; wait for that, as sharding would restart it after.
        else if (stopped) await AwaitStopAsync("after a journal failure", stopsBefore);
    }

    /// <summary>
    /// Whether the entity stopped before every answer came. Answers it sent before stopping have landed by then; if a
    /// later command of the batch started it again, that incarnation's answers are awaited in full.
    /// </summary>
    private async Task<bool> StoppedBeforeAnsweringAsync(Task answered, int stopsBefore)
    {
        var stopped = AskStoppedAsync(AskTimeout, stopsBefore);
        if (await Task.WhenAny(answered, stopped) == answered || !await stopped) return false;
        if (await _entity.Ask<bool>(EntityHost.Running.Instance, AskTimeout)) await answered;
        else await Task.WhenAny(answered, Task.Delay(LateAnswerGrace));
        return true;
    }

    private async Task CheckAsync()
    {
        _trail.Checked();
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
        var stops = await StopsAsync();
        _entity.Tell(EntityHost.Passivate.Instance);
        await AwaitStopAsync("when passivated", stops);
        _workload.Stopped();
    }

    private async Task<int> StopsAsync() => await _entity.Ask<int>(EntityHost.Stops.Instance, AskTimeout);

    /// <param name="stopsBefore">What <see cref="StopsAsync"/> answered before the entity was made to stop.</param>
    private async Task AwaitStopAsync(string when, int stopsBefore)
    {
        if (!await AskStoppedAsync(TimeSpan.FromSeconds(5), stopsBefore)) throw Violation($"the entity did not stop {when}");
    }

    private async Task<bool> AskStoppedAsync(TimeSpan within, int stopsBefore) =>
        await _entity.OrNullAsync<object>(new EntityHost.AwaitStop(within, stopsBefore), within + AskTimeout) is true;

    private async Task<object> AskAsync(object message) =>
        await TryAskAsync(message, AskTimeout) ?? throw Violation($"{message} was never answered");

    private Task<object?> TryAskAsync(object message, TimeSpan timeout) => _entity.OrNullAsync<object>(message, timeout);

    private SimulationFailure Violation(string violation) => _trail.Violation(violation);
}
