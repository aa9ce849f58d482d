using System.Collections.Concurrent;
using System.Diagnostics;
using Arc.Platform.Health;
using System.Net.Sockets;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// One multiplexer per endpoint, kept while it works: a probe in a polling loop then costs one
/// round trip instead of a full connect handshake. A multiplexer that fails is disposed at once,
/// so a stopped server leaves no reconnecting background connection behind; the rest go when
/// their owner (the <see cref="RedisTechnology"/>) is disposed.
/// </summary>
internal sealed class RedisConnections : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConnectionMultiplexer> _cache = new(StringComparer.Ordinal);

    /// <summary>A connected multiplexer, or null with why not when nothing listens on the port (an expected outcome, not an error).</summary>
    public async Task<(ConnectionMultiplexer? Multiplexer, string? Refused)> GetAsync(ServiceEndpoint endpoint, Secrets.Credential? credential,
        CancellationToken cancellationToken)
    {
        // Keyed by the credential too: after a rotation a connection made with the old password is not reused.
        var key = CacheKey(endpoint, credential);
        if (_cache.TryGetValue(key, out var cached) && cached.IsConnected)
            return (cached, null);
        if (cached is not null)
            Forget(key, cached);
        if (await RefusedAsync(endpoint, cancellationToken) is { } refused)
            return (null, refused);
        var fresh = await ConnectionMultiplexer.ConnectAsync(Options(endpoint.ToString(), credential));
        var winner = _cache.GetOrAdd(key, fresh);
        if (!ReferenceEquals(winner, fresh))
            await fresh.DisposeAsync();
        return (winner, null);
    }

    /// <summary>
    /// One probe over the cached connection: <paramref name="roundTrip"/> asks its questions of the
    /// database and says whether the answers were right; a refused port, a Redis error or a timeout
    /// is a failed probe named "<paramref name="what"/> on endpoint: …", and a connection that failed
    /// is dropped so the next probe connects afresh. The latency is the whole probe's.
    /// </summary>
    public async Task<ProbeResult> ProbeAsync(ServiceEndpoint endpoint, Secrets.Credential? credential, string what,
        Func<IDatabase, Task<(bool Healthy, string Detail)>> roundTrip, CancellationToken cancellationToken)
    {
        var key = CacheKey(endpoint, credential);
        var clock = Stopwatch.StartNew();
        ConnectionMultiplexer? multiplexer = null;
        try
        {
            (multiplexer, var refused) = await GetAsync(endpoint, credential, cancellationToken).WaitAsync(cancellationToken);
            if (multiplexer is null)
                return ProbeResult.Fail(clock.Elapsed, $"{what} on {endpoint}: {refused}");
            var (healthy, detail) = await roundTrip(multiplexer.GetDatabase());
            return new ProbeResult(healthy, clock.Elapsed, detail);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            if (multiplexer is not null)
                Forget(key, multiplexer);
            return ProbeResult.Fail(clock.Elapsed, $"{what} on {endpoint}: {FirstLine(e.Message)}");
        }
    }

    /// <summary>StackExchange.Redis messages run on over lines of diagnostics; a probe detail is one line.</summary>
    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Drops a multiplexer after a failure so the next probe connects afresh.</summary>
    private void Forget(string key, ConnectionMultiplexer multiplexer)
    {
        if (_cache.TryRemove(new KeyValuePair<string, ConnectionMultiplexer>(key, multiplexer)))
            multiplexer.Dispose();
    }

    private static string CacheKey(ServiceEndpoint endpoint, Secrets.Credential? credential) =>
        credential is null ? endpoint.ToString() : $"{endpoint} {credential.User} {credential.Password}";

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in _cache.Keys)
            if (_cache.TryRemove(endpoint, out var multiplexer))
                await multiplexer.DisposeAsync();
    }

    /// <summary>
    /// A plain TCP connect first: a refused port fails in microseconds, whereas a multiplexer
    /// connecting to it sometimes waits out its whole connect timeout (measured: p99 1 s), which
    /// would stall a readiness loop that polls every 10 ms. Null when something listens.
    /// </summary>
    private static async Task<string?> RefusedAsync(ServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(500));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            return null;
        }
        catch (SocketException e)
        {
            return $"nothing listens on {endpoint} ({e.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no TCP answer from {endpoint} within 500 ms";
        }
    }

    private static ConfigurationOptions Options(string endpoint, Secrets.Credential? credential) => new()
    {
        EndPoints = { endpoint },
        User = credential?.User,
        Password = credential?.Password,
        ClientName = "arc",
        ConnectTimeout = 1000,
        AsyncTimeout = 1000,
        SyncTimeout = 1000,
        ConnectRetry = 0,
        AbortOnConnectFail = true,
    };
}
