using System.Net;
using System.Net.Sockets;

namespace Arc.Platform.Tests.Fixtures;

/// <summary>Ports nobody listens on right now, so tests never collide with a developer's running stack.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port free at this moment and never handed out before in this test run: the kernel may
    /// offer a just-released ephemeral port again, and two fixtures that have not started their
    /// servers yet would then share it.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
                if (HandedOut.Add(port))
                    return port;
        }
    }
}
