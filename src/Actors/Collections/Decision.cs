namespace ActorCloud.Actors.Collections;

/// <summary>What a command comes to: the events to journal (none for a refusal or a no-op) and the answer
/// to give once they are durable.</summary>
public sealed record Decision(IReadOnlyList<ICollectionEvent> Events, ICollectionReply Reply)
{
    public static Decision Refuse(string code, string message) => new([], new CollectionReplies.Failed(code, message));
}
