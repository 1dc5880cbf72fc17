using Akka.Actor;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// What <see cref="EntitySimulation"/> runs against one kind of entity: the entity itself, random batches of commands
/// (each knowing how its answer is checked against, and applied to, the workload's own reference model) and how the
/// entity's state is read live and rebuilt from every event in its journal, to be compared with that model. The
/// runner owns the faults, the passivations, the check cadence and the failure report.
/// </summary>
public interface ISimulationWorkload
{
    /// <summary>The entity; the host starts it anew (recovering it) on the first message after each stop.</summary>
    Props Entity { get; }

    /// <summary>Commands sent one by one, each to be answered, before the first step (creating the collection, say).</summary>
    IReadOnlyList<object> Setup => [];

    /// <summary>A read whose answer is the entity's whole state, for <see cref="Differences"/>.</summary>
    object StateQuery { get; }

    /// <summary>
    /// Whether commands queued behind a failed journal write die unanswered with the entity (Akka's persistent actors
    /// stop on a write failure without answering what they had stashed); false: every command must be answered.
    /// </summary>
    bool QueuedCommandsDieWithEntity { get; }

    /// <summary>One to <paramref name="concurrency"/> commands sent together; they reach the entity in this order.</summary>
    IReadOnlyList<SimulationCommand> Batch(Random random, int concurrency);

    /// <summary>Whether an answer is a refusal (counted apart from acknowledgements).</summary>
    bool Refused(object reply);

    /// <summary>Whether an answer reports a failed journal write after which the entity stops by itself.</summary>
    bool StopsEntity(object reply) => false;

    /// <summary>How an answer to <see cref="StateQuery"/> differs from the model, a line a difference (none: equal).</summary>
    IReadOnlyList<string> Differences(object state);

    /// <summary>How the state folded from every event in the journal, from the first and without a snapshot, differs from the model.</summary>
    Task<IReadOnlyList<string>> ReplayDifferencesAsync(ActorSystem system);

    /// <summary>The entity stopped: whatever it held only in memory is gone, and the model forgets it too.</summary>
    void Stopped() { }
}
