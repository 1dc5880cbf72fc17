namespace ActorCloud.Api.Watch;

/// <summary>The socket a watch currently sends to.</summary>
public interface IWatchClient
{
    /// <summary>Queues a frame; false when the socket is being dropped (it then cannot take more).</summary>
    bool Send(byte[] frame);

    /// <summary>The watch no longer belongs to this socket (it ended, or another socket resumed it).</summary>
    void Forget(string watchId, WatchSession session);
}
