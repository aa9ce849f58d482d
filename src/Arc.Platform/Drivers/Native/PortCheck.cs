using System.Globalization;
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
        var inode = ListeningInode(port);
        if (inode is null)
            return "";
        var target = $"socket:[{inode}]";
        foreach (var processDirectory in SafeDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(processDirectory), out var pid))
                continue;
            foreach (var fd in SafeFiles(Path.Combine(processDirectory, "fd")))
            {
                if (LinkTarget(fd) == target)
                    return $"pid {pid} ({ProcessTable.CommandLine(pid).Split(' ')[0]})";
            }
        }
        return "";
    }

    private static string? ListeningInode(int port)
    {
        const string listenState = "0A";
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = columns[1];
                var localPort = int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (localPort == port && columns[3] == listenState)
                    return columns[9];
            }
        }
        return null;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static IEnumerable<string> SafeFiles(string path)
    {
        try
        {
            return Directory.GetFiles(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
