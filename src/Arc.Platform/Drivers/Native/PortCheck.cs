using System.Net;
using System.Net.Sockets;

namespace Arc.Platform.Drivers.Native;

/// <summary>Is a host port on 127.0.0.1 already answering, and by whom.</summary>
internal static class PortCheck
{
    /// <summary>
    /// Connecting tells what matters: whether our server could bind 127.0.0.1:port. A listener on
    /// 0.0.0.0 or 127.0.0.1 accepts the connection; one on another address does not conflict.
    /// </summary>
    public static bool IsAnswering(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>"pid 123 (nc)" for the process listening on the port, or "" when /proc does not tell.</summary>
    public static string DescribeListener(int port)
    {
        var inodes = ListeningSockets.Listeners().Where(l => l.Value.Port == port).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        if (inodes.Count == 0)
            return "";
        foreach (var pid in ProcessTable.AllPids())
        {
            if (ListeningSockets.SocketInodes(pid).Any(inodes.Contains))
                return $"pid {pid} ({ProcessTable.CommandLine(pid).Split(' ')[0]})";
        }
        return "";
    }
}
