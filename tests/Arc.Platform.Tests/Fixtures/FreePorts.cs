using System.Net;
using System.Net.Sockets;

namespace Arc.Platform.Tests.Fixtures;

/// <summary>Ports nobody listens on right now, so tests never collide with a developer's running stack.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
