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

    public static async Task<ConnectionMultiplexer> GetAsync(int port)
    {
        var endpoint = Endpoint(port);
        if (Cache.TryGetValue(endpoint, out var cached) && cached.IsConnected)
            return cached;
        if (cached is not null)
            Forget(port, cached);
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
