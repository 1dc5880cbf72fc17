namespace ActorCloud.Actors.Files;

/// <summary>What a file command comes to: one event to journal, or a refusal that changes nothing.</summary>
public sealed record FileDecision(IFileEvent? Event, FileReplies.FileFailed? Refusal)
{
    public static FileDecision Accept(IFileEvent e) => new(e, null);

    public static FileDecision Refuse(string code, string message) => new(null, new FileReplies.FileFailed(code, message));
}
