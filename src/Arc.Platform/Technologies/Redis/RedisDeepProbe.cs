using Arc.Platform.Health;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>A write/read/delete round trip on a random key that expires on its own if arc dies midway.</summary>
internal static class RedisDeepProbe
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(30);

    public static Task<ProbeResult> RunAsync(RedisConnections connections, ServiceEndpoint endpoint, Secrets.Credential? credential, CancellationToken cancellationToken) =>
        connections.ProbeAsync(endpoint, credential, "round trip", database => RoundTripAsync(database, cancellationToken), cancellationToken);

    private static async Task<(bool Healthy, string Detail)> RoundTripAsync(IDatabase database, CancellationToken cancellationToken)
    {
        var key = $"arc:health:{Guid.NewGuid():N}";
        var value = Guid.NewGuid().ToString("N");
        if (!await database.StringSetAsync(key, value, KeyLifetime).WaitAsync(cancellationToken))
            return (false, $"SET {key} was refused");
        var read = await database.StringGetAsync(key).WaitAsync(cancellationToken);
        if (read != value)
            return (false, $"GET {key} returned '{read}', expected what was just SET");
        if (await database.KeyTimeToLiveAsync(key).WaitAsync(cancellationToken) is null)
            return (false, $"SET {key} with a TTL left no expiry on it");
        if (!await database.KeyDeleteAsync(key).WaitAsync(cancellationToken))
            return (false, $"DEL {key} deleted nothing");
        return (true, "SET/GET/DEL with TTL ok");
    }
}
