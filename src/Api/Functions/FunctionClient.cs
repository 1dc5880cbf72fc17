using ActorCloud.Actors.Functions;
using ActorCloud.Actors.Serialization;
using ActorCloud.Api.Gateway;
using Akka.Actor;
using Akka.Hosting;
using static ActorCloud.Actors.Functions.FunctionReplies;

namespace ActorCloud.Api.Functions;

/// <summary>Asks function entities through the shard region; refusals become gateway errors.</summary>
public sealed class FunctionClient(IRequiredActor<FunctionRegion> region, MessageRoundTrip roundTrip)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(12);

    public async Task<T> AskAsync<T>(IFunctionMessage message, CancellationToken cancellation, TimeSpan? timeout = null) where T : IFunctionReply
    {
        var reply = roundTrip.Apply(await region.ActorRef.Ask<IFunctionReply>(roundTrip.Apply(message), timeout ?? Timeout, cancellation));
        return reply switch
        {
            T expected => expected,
            FunctionFailed failed => throw new GatewayError(failed.Code, failed.Message),
            _ => throw new InvalidOperationException($"{message.GetType().Name} was answered with {reply.GetType().Name}"),
        };
    }
}
