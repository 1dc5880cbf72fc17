using ActorCloud.Actors.Sharding;
using ActorCloud.Documents;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using static ActorCloud.Actors.Functions.FunctionCommands;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Actors.Functions;

/// <summary>
/// One function as a persistent entity: its deployed versions as events, and its calls as short-lived
/// <see cref="InvocationActor"/> children that run on the version current when the call arrived (a redeploy never
/// changes a call in flight). Asked to stop while calls run, it lets them finish first.
/// </summary>
public sealed class FunctionActor : ReceivePersistentActor
{
    /// <summary>CloudBase's answer for a function that does not exist.</summary>
    public const string UnknownFunctionMessage = "FunctionName parameter could not be found";

    private readonly string _env;
    private readonly FunctionSettings _settings;
    private readonly IFunctionRuntimes _runtimes;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private FunctionState _state;
    private long _eventsSinceSnapshot;
    private bool _stopping;
    private IActorRef _writeRequester = ActorRefs.Nobody;

    public FunctionActor(string entityId, FunctionSettings settings, IFunctionRuntimes runtimes)
    {
        PersistenceId = PersistenceIdOf(entityId);
        var slash = entityId.IndexOf('/');
        _env = entityId[..slash];
        _state = FunctionState.Empty(entityId[(slash + 1)..]);
        _settings = settings;
        _runtimes = runtimes;

        Recover<SnapshotOffer>(offer => _state = (FunctionState)offer.Snapshot);
        Recover<IFunctionEvent>(e =>
        {
            _state = _state.Apply(e);
            _eventsSinceSnapshot++;
        });
        Command<DeployFunction>(c => Persist(_state.Decide(c, DateTime.UtcNow)));
        Command<ConfigureFunction>(c => Persist(_state.Decide(c, DateTime.UtcNow)));
        Command<RollBackFunction>(c => Persist(_state.Decide(c, DateTime.UtcNow)));
        Command<DeleteFunction>(c => Persist(_state.Decide(c, DateTime.UtcNow)));
        Command<GetFunction>(_ => Sender.Tell(View()));
        Command<InvokeFunction>(Invoke);
        Command<Terminated>(_ => StopIfIdle());
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
        Command<StopEntity>(_ =>
        {
            _stopping = true;
            StopIfIdle();
        });
    }

    public override string PersistenceId { get; }

    public static string PersistenceIdOf(string entityId) => $"function-{entityId}";

    public static Props Props(string entityId, FunctionSettings settings, IFunctionRuntimes runtimes) =>
        Akka.Actor.Props.Create(() => new FunctionActor(entityId, settings, runtimes));

    /// <summary>A failing invocation actor is stopped, never restarted: a restart would run the call twice.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    private void Invoke(InvokeFunction command)
    {
        if (_state.Current is not { } version)
        {
            Sender.Tell(new FunctionFailed(FunctionErrors.ExecuteFail, UnknownFunctionMessage));
            return;
        }
        Context.Watch(Context.ActorOf(InvocationActor.Props(_env, _state.Name, version, command.Invocation, Sender, _runtimes)));
    }

    private void Persist(FunctionDecision decision)
    {
        if (decision.Refusal is { } refusal)
        {
            Sender.Tell(refusal);
            return;
        }
        _writeRequester = Sender;
        Persist(new Tagged(decision.Event!, FunctionTags.For(_env)), tagged =>
        {
            _state = _state.Apply((IFunctionEvent)tagged.Payload);
            Sender.Tell(View());
            if (++_eventsSinceSnapshot >= _settings.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_state);
            }
        });
    }

    /// <summary>The rejected write's requester is told so at once, as the file entity does (see <c>FileActor</c>).</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        _writeRequester.Tell(new FunctionFailed(ErrorCodes.SysErr, "the journal rejected the write; nothing was changed"));
    }

    private void StopIfIdle()
    {
        if (_stopping && !Context.GetChildren().Any()) Context.Stop(Self);
    }

    private FunctionView View() => new(_state.Name, _state.Current, _state.Versions);
}
