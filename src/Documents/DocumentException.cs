namespace ActorCloud.Documents;

/// <summary>
/// A request the document engine refuses. It carries the CloudBase code the gateway answers with, so a
/// refusal raised deep in query compilation or an update reaches the client as the right envelope.
/// </summary>
public sealed class DocumentException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static DocumentException InvalidParam(string message) => new(ErrorCodes.InvalidParam, message);

    public static DocumentException InvalidOperator(string message) => new(ErrorCodes.DatabaseInvalidOperator, message);

    public static DocumentException RequestFailed(string message) => new(ErrorCodes.DatabaseRequestFailed, message);
}
