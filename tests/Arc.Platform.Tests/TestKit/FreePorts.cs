using System.Net;
using System.Net.Sockets;

namespace Arc.Platform.Tests.TestKit;

/// <summary>Ports nobody listens on right now, so tests never collide with a developer's running stack.</summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (32768 and up by default): a port the kernel handed out for
    // "bind to 0" can be given to the next outgoing connection of any test before the server that
    // was meant to get it binds, and that server then exits with "address in use".
    private const int Low = 20000;
    private const int High = 32000;

    private static readonly HashSet<int> HandedOut = [];
    private static int cursor = Random.Shared.Next(High - Low);

    /// <summary>A port free at this moment and never handed out before in this test run.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var tried = 0; tried < High - Low; tried++)
            {
                var port = Low + cursor++ % (High - Low);
                if (HandedOut.Add(port) && IsFree(port))
                    return port;
            }
        }
        throw new InvalidOperationException($"no free port between {Low} and {High}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
