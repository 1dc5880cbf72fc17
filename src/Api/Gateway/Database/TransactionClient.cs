using System.Text.RegularExpressions;
using ActorCloud.Actors.Collections;
using ActorCloud.Actors.Serialization;
using ActorCloud.Actors.Transactions;
using ActorCloud.Documents;
using Akka.Actor;
using Akka.Hosting;
using static ActorCloud.Actors.Collections.CollectionReplies;
using static ActorCloud.Actors.Transactions.TransactionMessages;

namespace ActorCloud.Api.Gateway.Database;

/// <summary>Asks transaction entities through their shard region; their refusals become gateway errors.</summary>
public sealed partial class TransactionClient(IRequiredActor<TransactionRegion> region, MessageRoundTrip roundTrip)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(12);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    /// <summary>The transaction entity a request names with <c>transactionId</c>, or null when it names none.</summary>
    public static string? EntityIdOf(ActionContext context)
    {
        if (context.Request.OptionalString("transactionId") is not { Length: > 0 } id) return null;
        if (context.User is not null) throw new GatewayError(ErrorCodes.DatabasePermissionDenied, "transactions are for admin callers only, not end users");
        return IdPattern().IsMatch(id)
            ? $"{context.Env}/{id}"
            : throw new GatewayError(ErrorCodes.InvalidParam, "transactionId is not one this server handed out");
    }

    /// <summary>An operation inside a transaction, answered as its collection would answer it.</summary>
    public async Task<T> AskAsync<T>(ITransactionMessage message, CancellationToken cancellation) where T : ICollectionReply =>
        roundTrip.Apply(await region.ActorRef.Ask<object>(roundTrip.Apply(message), Timeout, cancellation)) switch
        {
            T expected => expected,
            Failed failed => throw new GatewayError(failed.Code, failed.Message),
            TransactionFailed failed => throw new GatewayError(failed.Code, failed.Message),
            var other => throw new InvalidOperationException($"{message.GetType().Name} was answered with {other.GetType().Name}"),
        };

    /// <summary>Begin, commit, abort: done, or refused with CloudBase's code (a conflict makes <c>runTransaction</c> retry).</summary>
    public async Task ControlAsync(ITransactionMessage message, CancellationToken cancellation)
    {
        var reply = roundTrip.Apply(await region.ActorRef.Ask<object>(roundTrip.Apply(message), Timeout, cancellation));
        if (reply is TransactionFailed failed) throw new GatewayError(failed.Code, failed.Message);
        if (reply is not TransactionDone) throw new InvalidOperationException($"{message.GetType().Name} was answered with {reply.GetType().Name}");
    }
}
