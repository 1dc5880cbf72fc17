using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Sharding;
using ActorCloud.Documents;
using ActorCloud.Documents.Transactions;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using MongoDB.Bson;
using static ActorCloud.Actors.Collections.CollectionCommands;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Actors.Transactions;

/// <summary>
/// One transaction, coordinating its collections by optimistic two-phase commit (docs/architecture.md, Transactions):
/// the workspace lives in memory while the client works; commit prepares every collection, journals the one decision,
/// then resolves every collection and answers once they all have. Only the start and the decision are journaled, so a
/// transaction that recovers undecided can only be aborted, and one that recovers decided finishes its resolution.
/// </summary>
public sealed class TransactionActor : UntypedPersistentActor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private const int MaxDocumentsRead = 10_000;

    private readonly string _entityId;
    private readonly TimeSpan _idleTimeout;
    private readonly TransactionWorkspace _workspace = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _collections = ActorRefs.Nobody;
    private Callers.Caller? _caller;
    private bool _started;
    private TransactionDecided? _decision;
    private bool _finished;
    private bool _committing;

    public TransactionActor(string entityId, TimeSpan idleTimeout)
    {
        _entityId = entityId;
        _idleTimeout = idleTimeout;
        PersistenceId = $"transaction-{entityId}";
    }

    public override string PersistenceId { get; }

    public static Props Props(string entityId, TimeSpan idleTimeout) => Akka.Actor.Props.Create(() => new TransactionActor(entityId, idleTimeout));

    protected override void PreStart()
    {
        _collections = ClusterSharding.Get(Context.System).ShardRegion(CollectionRegion.Name);
        base.PreStart();
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case TransactionStarted started:
                _started = true;
                _caller = started.By;
                break;
            case TransactionDecided decided:
                _decision = decided;
                break;
            case TransactionFinished:
                _finished = true;
                break;
        }
    }

    /// <summary>A recovered transaction has lost its workspace: undecided, it is aborted; decided, it finishes resolving.</summary>
    protected override void OnReplaySuccess()
    {
        if (_started && _decision is null) Decide(committed: false, [], replyTo: null);
        else if (_decision is not null && !_finished) Resolve(_decision, replyTo: null, failure: null);
        else if (_started) Context.SetReceiveTimeout(_idleTimeout);
    }

    protected override void OnCommand(object message)
    {
        if (_committing && message is not (PrepareOutcome or GetDecision or ResolutionDone))
        {
            Stash.Stash();
            return;
        }
        switch (message)
        {
            case PrepareOutcome outcome:
                Prepared(outcome);
                break;
            case ResolutionDone done:
                Persist(new TransactionFinished(DateTime.UtcNow), _ =>
                {
                    _finished = true;
                    done.ReplyTo?.Tell(done.Failure is null ? TransactionDone.Instance : done.Failure);
                });
                break;
            case BeginTransaction begin when !_started:
                Persist(new TransactionStarted(begin.Caller, DateTime.UtcNow), started =>
                {
                    _started = true;
                    _caller = started.By;
                    Context.SetReceiveTimeout(_idleTimeout);
                    Sender.Tell(TransactionDone.Instance);
                });
                break;
            case BeginTransaction:
                Sender.Tell(Over("this transaction id is already in use"));
                break;
            case TxFind or TxInsert or TxUpdate or TxReplace or TxRemove when Open:
                RunOperation((ITransactionMessage)message);
                break;
            case TxFind or TxInsert or TxUpdate or TxReplace or TxRemove:
                Sender.Tell(new Failed(ErrorCodes.DatabaseTransactionConflict, Status()));
                break;
            case CommitTransaction when Open:
                Commit();
                break;
            case CommitTransaction:
                Sender.Tell(_decision is { Committed: true } ? TransactionDone.Instance : Over(Status()));
                break;
            case AbortTransaction when Open:
                Decide(committed: false, [], Sender);
                break;
            case AbortTransaction:
                Sender.Tell(TransactionDone.Instance);
                break;
            case GetDecision when _decision is null && !_committing:
                Decide(committed: false, [], Sender, answerDecision: true);
                break;
            case GetDecision when _decision is not null:
                Sender.Tell(new DecisionReply(_decision.Committed));
                break;
            case GetDecision:
                // Prepares are in flight: their outcome decides, and the asking collection asks again.
                break;
            case ReceiveTimeout when Open:
                _log.Info("Transaction {0} was idle past {1} and is aborted", _entityId, _idleTimeout);
                Decide(committed: false, [], replyTo: null);
                break;
            case ReceiveTimeout:
                Context.SetReceiveTimeout(null);
                break;
            case StopEntity:
                Context.Stop(Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private bool Open => _started && _decision is null && !_committing;

    private string Status() => !_started
        ? "no such transaction (it may have expired); start a new one"
        : _decision is { Committed: true } ? "the transaction has been committed" : "the transaction was aborted or expired; start a new one";

    private static TransactionFailed Over(string message) => new(ErrorCodes.DatabaseTransactionConflict, message);

    private void RunOperation(ITransactionMessage operation)
    {
        var operations = new TransactionOperations(_workspace, ReadCommittedAsync, _caller!);
        var sender = Sender;
        RunTask(async () => sender.Tell(await operations.RunAsync(operation, DateTime.UtcNow)));
    }

    private async Task<IReadOnlyList<BsonDocument>> ReadCommittedAsync(string collection, BsonDocument query)
    {
        var reply = await _collections.Ask<ICollectionReply>(new FindDocuments(collection, query, null, 0, MaxDocumentsRead + 1), AskTimeout);
        return reply switch
        {
            Found { Documents.Count: > MaxDocumentsRead } => throw DocumentException.RequestFailed(
                $"a transaction reads at most {MaxDocumentsRead} documents of one query"),
            Found found => found.Documents,
            Failed failed => throw new DocumentException(failed.Code, failed.Message),
            _ => throw new InvalidOperationException($"a read was answered with {reply.GetType().Name}"),
        };
    }

    /// <summary>Phase one: every collection checks and holds its part; the outcome comes back as a message.</summary>
    private void Commit()
    {
        _committing = true;
        Context.SetReceiveTimeout(null);
        var sender = Sender;
        var parts = _workspace.Collections.Select(collection => (collection, Part: _workspace.PartFor(collection)))
            .Where(p => p.Part.Writes.Count > 0 || p.Part.Checks.Count > 0).ToList();
        var id = ClientId(_entityId);
        RunTask(async () =>
        {
            // One collection after another, in one global order: a collection holds one prepared transaction at a
            // time, so two commits that took their collections in opposite orders would wait on each other.
            var prepared = new List<string>();
            Failed? failure = null;
            foreach (var (collection, part) in parts.OrderBy(p => p.collection, StringComparer.Ordinal))
            {
                prepared.Add(collection);
                try
                {
                    if (await AskCollectionAsync(new PrepareTransaction(collection, _caller!, id,
                            [.. part.Writes.Select(w => w.ToBytes())], [.. part.Checks.Select(c => c.ToBytes())])) is Failed refused)
                    {
                        failure = refused;
                        break;
                    }
                }
                catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
                {
                    // It may have prepared after all: it is resolved (aborted) with the others, harmless if it did not.
                    failure = new Failed(ErrorCodes.DatabaseTransactionConflict, $"{collection} did not answer the commit in time; retry the transaction");
                    break;
                }
            }
            Self.Tell(new PrepareOutcome(prepared, failure, sender));
        });
    }

    private void Prepared(PrepareOutcome outcome)
    {
        _committing = false;
        Stash.UnstashAll();
        if (_decision is not null)
        {
            // A recovering collection forced an abort while the prepares were out: the commit lost.
            Resolve(_decision with { Participants = outcome.Prepared }, outcome.ReplyTo, Over("the transaction was aborted while it committed"));
            return;
        }
        Decide(outcome.Failure is null, outcome.Prepared, outcome.ReplyTo, failure: outcome.Failure is { } f ? new TransactionFailed(f.Code, f.Message) : null);
    }

    /// <summary>Journals the one decision, then resolves the participants.</summary>
    private void Decide(bool committed, IReadOnlyList<string> participants, IActorRef? replyTo, TransactionFailed? failure = null, bool answerDecision = false)
    {
        Context.SetReceiveTimeout(null);
        Persist(new TransactionDecided(DateTime.UtcNow, committed, participants), decided =>
        {
            _decision = decided;
            if (answerDecision)
            {
                replyTo?.Tell(new DecisionReply(decided.Committed));
                replyTo = null;
            }
            Resolve(decided, replyTo, failure);
        });
    }

    /// <summary>Phase two: every participant applies or drops its held part; retried until each has answered.</summary>
    private void Resolve(TransactionDecided decided, IActorRef? replyTo, TransactionFailed? failure)
    {
        var id = ClientId(_entityId);
        RunTask(async () =>
        {
            foreach (var collection in decided.Participants)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        if (await AskCollectionAsync(new ResolveTransaction(collection, _caller ?? Callers.Caller.Admin("transaction"), id, decided.Committed)) is Done) break;
                    }
                    catch (Exception e) when (e is AskTimeoutException or TaskCanceledException && attempt < 10)
                    {
                        _log.Warning("Resolving transaction {0} at {1} timed out; retrying", _entityId, collection);
                    }
                }
            }
            Self.Tell(new ResolutionDone(replyTo, failure));
        });
    }

    private Task<ICollectionReply> AskCollectionAsync(ICollectionMessage message) => _collections.Ask<ICollectionReply>(message, AskTimeout);

    private sealed record PrepareOutcome(IReadOnlyList<string> Prepared, Failed? Failure, IActorRef ReplyTo);

    private sealed record ResolutionDone(IActorRef? ReplyTo, TransactionFailed? Failure);
}
