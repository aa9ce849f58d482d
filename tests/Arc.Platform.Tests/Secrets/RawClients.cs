using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Arc.Platform.Tests.Secrets;

/// <summary>Clients that send exactly what a stranger would: no library, no credentials unless given.</summary>
internal static class RawClients
{
    /// <summary>The server's first reply line to <paramref name="request"/> on a fresh connection (NATS: after its INFO line).</summary>
    public static async Task<string> FirstReplyAsync(int port, string request, bool skipGreeting = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        if (skipGreeting)
            await reader.ReadLineAsync(timeout.Token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    /// <summary>A raw NATS CONNECT, with the given user and password or none; the first reply after INFO.</summary>
    public static Task<string> NatsConnectAsync(int port, string? user = null, string? password = null) =>
        FirstReplyAsync(port, user is null
            ? "CONNECT {\"verbose\":false}\r\nPING\r\n"
            : $"CONNECT {{\"verbose\":false,\"user\":\"{user}\",\"pass\":\"{password}\"}}\r\nPING\r\n", skipGreeting: true);

    /// <summary>A raw Redis command line (PING, AUTH ...); the reply line.</summary>
    public static Task<string> RedisAsync(int port, string command) => FirstReplyAsync(port, command + "\r\n");
}
