namespace ActorCloud.Actors.Functions;

/// <summary>What a function command comes to: one event to journal, or a refusal that changes nothing.</summary>
public sealed record FunctionDecision(IFunctionEvent? Event, FunctionReplies.FunctionFailed? Refusal)
{
    public static FunctionDecision Accept(IFunctionEvent e) => new(e, null);

    public static FunctionDecision Refuse(string code, string message) => new(null, new FunctionReplies.FunctionFailed(code, message));
}
