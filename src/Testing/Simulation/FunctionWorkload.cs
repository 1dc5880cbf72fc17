using System.Collections.Immutable;
using ActorCloud.Actors.Callers;
using ActorCloud.Actors.Functions;
using Akka.Actor;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Random commands on one function entity — deployments (creating or updating, now and then with a setting out of
/// bounds), configuration changes, rollbacks (to versions that exist or not), deletes, reads and calls — checked
/// against a <see cref="FunctionModel"/>. Calls run on <see cref="SimulatedRuntimes"/>, whose result names the version
/// that ran them. A failed write stops the entity without answering the commands queued behind it; its fresh replay
/// folds every journaled event with <see cref="FunctionState.Apply"/>.
/// </summary>
public sealed class FunctionWorkload : ISimulationWorkload
{
    private const string Name = "add";
    private const string EntityId = $"simulation/{Name}";
    private static readonly Caller Caller = Caller.Admin("simulation");

    private readonly SimulatedRuntimes _runtimes = new();
    private readonly FunctionModel _model = new();
    private int _calls;

    public FunctionWorkload(SimulationOptions options) =>
        Entity = FunctionActor.Props(EntityId, new FunctionSettings(options.SnapshotEvery), _runtimes);

    public Props Entity { get; }

    public object StateQuery { get; } = new GetFunction(EntityId);

    public bool QueuedCommandsDieWithEntity => true;

    public IReadOnlyList<SimulationCommand> Batch(Random random, int concurrency) => SimulationCommand.Batch(random, concurrency, Command);

    private SimulationCommand Command(Random random)
    {
        switch (random.Next(9))
        {
            case 0 or 1:
                var deploy = new DeployFunction(EntityId, Spec(random, withCode: true), Create: random.Next(2) == 0, Caller);
                return Checked(deploy, $"{(deploy.Create ? "create" : "deploy")} {Describe(deploy.Spec)}", reply => _model.Deployed(deploy, reply));
            case 2:
                var configure = new ConfigureFunction(EntityId, Spec(random, withCode: false), Caller);
                return Checked(configure, $"configure {Describe(configure.Spec)}", reply => _model.Configured(configure, reply));
            case 3:
                var rollBack = new RollBackFunction(EntityId, random.Next(_model.NextVersion + 1), Caller);
                return Checked(rollBack, $"roll back to v{rollBack.Version}", reply => _model.RolledBack(rollBack, reply));
            case 4:
                return Checked(new DeleteFunction(EntityId, Caller), "delete", _model.Deleted);
            case 5:
                return Checked(StateQuery, "get", reply => Differences(reply) is [] ? null : string.Join("; ", Differences(reply)));
            default:
                var call = new FunctionInvocation($"r{_calls++}", $$"""{"a":{{random.Next(100)}},"b":{{random.Next(100)}}}""", Caller, null, null, "simulation");
                return Checked(new InvokeFunction(EntityId, call), $"call {call.RequestId} with {call.EventJson}", reply => _model.Invoked(call, reply));
        }
    }

    private static SimulationCommand Checked(object message, string description, Func<IFunctionReply, string?> check) =>
        new(message, description, reply => check((IFunctionReply)reply) is { } violation ? $"{description}: {violation}" : null);

    /// <summary>Settings left out or within bounds, but one in six specs has one setting out of them (and is refused).</summary>
    private static FunctionSpec Spec(Random random, bool withCode)
    {
        var code = $"k{random.Next(4)}";
        var spec = new FunctionSpec(
            CodeBlob: withCode ? $"simulation/{code}.zip" : null,
            CodeSha256: withCode ? code : null,
            CodeSize: withCode ? random.Next(100, 10_000) : null,
            Handler: random.Next(3) == 0 ? "app.run" : null,
            TimeoutSeconds: random.Next(3) == 0 ? random.Next(1, 61) : null,
            MemoryMb: random.Next(3) == 0 ? 128 << random.Next(4) : null,
            Variables: random.Next(3) == 0 ? ImmutableDictionary<string, string>.Empty.Add("MODE", $"m{random.Next(3)}") : null);
        if (random.Next(6) > 0) return spec;
        return random.Next(3) switch
        {
            0 => spec with { TimeoutSeconds = 61 },
            1 => spec with { MemoryMb = 32 },
            _ => spec with { Handler = "main" },
        };
    }

    private static string Describe(FunctionSpec spec) =>
        $"{spec.CodeSha256 ?? "same code"} handler {spec.Handler ?? "-"} timeout {spec.TimeoutSeconds?.ToString() ?? "-"} " +
        $"memory {spec.MemoryMb?.ToString() ?? "-"} vars {(spec.Variables is { } vars ? string.Join(",", vars.Select(p => $"{p.Key}={p.Value}")) : "-")}";

    public bool Refused(object reply) => reply is FunctionFailed;

    public IReadOnlyList<string> Differences(object state)
    {
        IReadOnlyList<string> differences = state is FunctionView view ? _model.Differences(view) : [$"a read was answered {state}"];
        return [.. differences, .. _runtimes.RunMoreThanOnce.Select(id => $"call {id} ran more than once")];
    }

    public async Task<IReadOnlyList<string>> ReplayDifferencesAsync(ActorSystem system)
    {
        var events = await JournalReplay.EventsAsync(system, FunctionActor.PersistenceIdOf(EntityId));
        return _model.Differences(events.Aggregate(FunctionState.Empty(Name), (state, e) => state.Apply((IFunctionEvent)e)));
    }
}
