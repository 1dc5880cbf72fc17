using ActorCloud.Documents;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>
/// <c>database.startTransaction</c>, <c>commitTransaction</c> and <c>abortTransaction</c> (admin callers only, as in
/// CloudBase). The operations in between are the ordinary database actions carrying <c>transactionId</c>. A commit
/// that meets a change made since the transaction read answers <c>DATABASE_TRANSACTION_CONFLICT</c>, on which
/// <c>runTransaction</c> runs the whole callback again.
/// </summary>
public sealed class TransactionActions(TransactionClient transactions)
{
    public async Task<GatewayReply> StartAsync(ActionContext context)
    {
        var entityId = NewEntityId(context.Env);
        await transactions.ControlAsync(new BeginTransaction(entityId, context.Caller), context.Cancellation);
        return new GatewayReply(null, w => w.WriteString("transactionId", ClientId(entityId)));
    }

    public async Task<GatewayReply> CommitAsync(ActionContext context)
    {
        await transactions.ControlAsync(new CommitTransaction(Required(context)), context.Cancellation);
        return GatewayReply.Empty;
    }

    public async Task<GatewayReply> AbortAsync(ActionContext context)
    {
        await transactions.ControlAsync(new AbortTransaction(Required(context)), context.Cancellation);
        return GatewayReply.Empty;
    }

    private static string Required(ActionContext context) =>
        TransactionClient.EntityIdOf(context) ?? throw new GatewayError(ErrorCodes.InvalidParam, "transactionId is required");
}
