using System.Diagnostics;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>A write/read/delete round trip on a random key that expires on its own if arc dies midway.</summary>
internal static class RedisDeepProbe
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromSeconds(30);

    public static async Task<ProbeResult> RunAsync(RedisConnections connections, ServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ConnectionMultiplexer? multiplexer = null;
        try
        {
            (multiplexer, var refused) = await connections.GetAsync(endpoint, cancellationToken).WaitAsync(cancellationToken);
            if (multiplexer is null)
                return ProbeResult.Fail(clock.Elapsed, $"round trip on {endpoint}: {refused}");
            var database = multiplexer.GetDatabase();
            var key = $"arc:health:{Guid.NewGuid():N}";
            var value = Guid.NewGuid().ToString("N");
            if (!await database.StringSetAsync(key, value, KeyLifetime).WaitAsync(cancellationToken))
                return ProbeResult.Fail(clock.Elapsed, $"SET {key} was refused");
            var read = await database.StringGetAsync(key).WaitAsync(cancellationToken);
            if (read != value)
                return ProbeResult.Fail(clock.Elapsed, $"GET {key} returned '{read}', expected what was just SET");
            var ttl = await database.KeyTimeToLiveAsync(key).WaitAsync(cancellationToken);
            if (ttl is null)
                return ProbeResult.Fail(clock.Elapsed, $"SET {key} with a TTL left no expiry on it");
            if (!await database.KeyDeleteAsync(key).WaitAsync(cancellationToken))
                return ProbeResult.Fail(clock.Elapsed, $"DEL {key} deleted nothing");
            return ProbeResult.Ok(clock.Elapsed, "SET/GET/DEL with TTL ok");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            if (multiplexer is not null)
                connections.Forget(endpoint, multiplexer);
            return ProbeResult.Fail(clock.Elapsed, $"round trip on {endpoint}: {RedisTechnology.FirstLine(e.Message)}");
        }
    }
}
