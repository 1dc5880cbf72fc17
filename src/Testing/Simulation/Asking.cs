using Akka.Actor;

namespace ActorCloud.Testing.Simulation;

internal static class Asking
{
    /// <summary>An ask that yields null when no answer came in time: in a simulation a lost answer is an outcome to judge.</summary>
    public static async Task<T?> OrNullAsync<T>(this IActorRef target, object message, TimeSpan timeout) where T : class
    {
        try
        {
            return await target.Ask<T>(message, timeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
