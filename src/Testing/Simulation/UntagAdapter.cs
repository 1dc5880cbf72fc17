using Akka.Persistence.Journal;

namespace ActorCloud.Testing.Simulation;

/// <summary>
/// Unwraps <see cref="Tagged"/> events on their way into the test journal. Entities tag their events for the change
/// feed and the SQL journal stores tags beside the payload; the in-memory test journal would store the wrapper itself,
/// and a recovery would then replay wrappers the entity does not know — every event lost. Tags are not queried here.
/// </summary>
public sealed class UntagAdapter : IWriteEventAdapter
{
    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is Tagged tagged ? tagged.Payload : evt;
}
