using System.Net;
using System.Net.Sockets;
using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// One multiplexer per endpoint, kept while it works: a probe in a polling loop then costs one
/// round trip instead of a full connect handshake. A multiplexer that fails is disposed at once,
/// so a stopped server leaves no reconnecting background connection behind.
/// </summary>
internal static class RedisConnections
{
    private static readonly ConcurrentDictionary<string, ConnectionMultiplexer> Cache = new(StringComparer.Ordinal);

    public static async Task<ConnectionMultiplexer> GetAsync(int port, CancellationToken cancellationToken)
    {
        var endpoint = Endpoint(port);
        if (Cache.TryGetValue(endpoint, out var cached) && cached.IsConnected)
            return cached;
        if (cached is not null)
            Forget(port, cached);
        await EnsureListeningAsync(port, cancellationToken).ConfigureAwait(false);
        var fresh = await ConnectionMultiplexer.ConnectAsync(Options(endpoint)).ConfigureAwait(false);
        var winner = Cache.GetOrAdd(endpoint, fresh);
        if (!ReferenceEquals(winner, fresh))
            await fresh.DisposeAsync().ConfigureAwait(false);
        return winner;
    }

    /// <summary>Drops a multiplexer after a failure so the next probe connects afresh.</summary>
    public static void Forget(int port, ConnectionMultiplexer multiplexer)
    {
        if (Cache.TryRemove(new KeyValuePair<string, ConnectionMultiplexer>(Endpoint(port), multiplexer)))
            multiplexer.Dispose();
    }

    /// <summary>
    /// A plain TCP connect first: a refused port fails in microseconds, whereas a multiplexer
    /// connecting to it sometimes waits out its whole connect timeout (measured: p99 1 s), which
    /// would stall a readiness loop that polls every 10 ms.
    /// </summary>
    private static async Task EnsureListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(500));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, deadline.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"nothing listens on 127.0.0.1:{port} ({e.SocketErrorCode})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"no TCP answer from 127.0.0.1:{port} within 500 ms");
        }
    }

    private static string Endpoint(int port) => $"127.0.0.1:{port}";

    private static ConfigurationOptions Options(string endpoint)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { endpoint },
            ClientName = "arc",
            ConnectTimeout = 1000,
            AsyncTimeout = 1000,
            SyncTimeout = 1000,
            ConnectRetry = 0,
            AbortOnConnectFail = true,
        };
        return options;
    }
}
