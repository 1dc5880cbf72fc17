using System.Net;
using System.Net.Sockets;

namespace ActorCloud.Persistence;

/// <summary>A port on 127.0.0.1 that was free a moment ago, for a local server (Azurite, PostgreSQL, a node) to bind.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
