using System.Globalization;
using System.Net;

namespace Arc.Platform.Drivers.Native;

/// <summary>The TCP listeners of given processes, from /proc/net/tcp{,6} and the socket inodes in /proc/&lt;pid&gt;/fd.</summary>
internal static class ListeningSockets
{
    private const string ListenState = "0A";

    /// <summary>"pid 12 (nats-server) listens on 0.0.0.0:4222" for every listener not on a loopback address.</summary>
    public static IReadOnlyList<string> OffLoopback(IEnumerable<int> pids)
    {
        var listeners = Listeners();
        var found = new List<string>();
        foreach (var pid in pids.Distinct())
        {
            foreach (var inode in SocketInodes(pid))
            {
                if (listeners.TryGetValue(inode, out var endpoint) && !IPAddress.IsLoopback(endpoint.Address))
                    found.Add($"pid {pid} ({Path.GetFileName(ProcessTable.Executable(pid) ?? "?")}) listens on {endpoint}");
            }
        }
        return found;
    }

    /// <summary>Listening sockets by inode.</summary>
    public static Dictionary<string, IPEndPoint> Listeners()
    {
        var result = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
                continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == ListenState && Parse(columns[1]) is { } endpoint)
                    result[columns[9]] = endpoint;
            }
        }
        return result;
    }

    public static IEnumerable<string> SocketInodes(int pid)
    {
        string[] fds;
        try
        {
            fds = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        var inodes = new List<string>();
        foreach (var fd in fds)
        {
            string? target;
            try
            {
                target = new FileInfo(fd).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']'))
                inodes.Add(target["socket:[".Length..^1]);
        }
        return inodes;
    }

    /// <summary>"0100007F:1092" (IPv4, little-endian words) or 32 hex digits for IPv6, then the port.</summary>
    internal static IPEndPoint? Parse(string local)
    {
        var colon = local.IndexOf(':');
        if (colon < 0 || !int.TryParse(local[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
            return null;
        var hex = local[..colon];
        if (hex.Length is not (8 or 32))
            return null;
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
                return null;
            BitConverter.GetBytes(value).CopyTo(bytes, word * 4);   // the kernel prints host-order (little-endian) words
        }
        var address = new IPAddress(bytes);
        return new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
    }
}
