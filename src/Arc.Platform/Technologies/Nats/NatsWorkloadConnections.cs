using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Arc.Platform.Technologies.Nats;

/// <summary>What every NATS benchmark shares: its connections, the payload-size refusal, its run-unique names, its JetStream stream.</summary>
internal static class NatsWorkloadConnections
{
    /// <summary>A fresh connection for one benchmark client; unreachable is a driver error naming the service.</summary>
    public static async Task<NatsConnection> ConnectAsync(ServiceDefinition service, string name, CancellationToken cancellationToken)
    {
        var connection = new NatsConnection(NatsClient.Authenticated(NatsOpts.Default with
        {
            Name = name,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            RetryOnInitialConnect = false,
            MaxReconnectRetry = 0,
            // A subscriber that falls behind waits instead of dropping: a benchmark counts every message.
            SubPendingChannelCapacity = 65_536,
            SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait,
        }, NatsTechnology.ClientUrl(service)));
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await connection.DisposeAsync();
            throw BenchRunner.Unreachable(service.Codename, e);
        }
    }

    /// <summary>Refuses a payload larger than the server's max_payload (from its INFO).</summary>
    public static void CheckPayload(ServiceDefinition service, NatsConnection connection, int size)
    {
        if (connection.ServerInfo is { } info && size > info.MaxPayload)
            throw new BenchLimitException(BenchSetting.Size, size, $"exceeds {service.Codename}'s max_payload of {info.MaxPayload} bytes");
    }

    /// <summary>A short id unique to this run, so nothing it names can collide with another run or a real subject.</summary>
    public static string RunId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// A file-storage stream (like the real streams) on one run-unique subject; deleted when
    /// disposed — on success, failure and cancellation alike. Creation itself is not cancelled
    /// half-way (only bounded in time), so an interrupt can never leave a stream nobody deletes.
    /// </summary>
    public static async Task<BenchStream> CreateStreamAsync(NatsConnection connection, string run)
    {
        var stream = new BenchStream(new NatsJSContext(connection), $"ARC_BENCH_{run.ToUpperInvariant()}", $"arc.bench.{run}.js");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.JetStream.CreateStreamAsync(new StreamConfig(stream.Name, [stream.Subject]) { Storage = StreamConfigStorage.File }, limit.Token);
        return stream;
    }

    internal sealed record BenchStream(NatsJSContext JetStream, string Name, string Subject) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await JetStream.DeleteStreamAsync(Name, limit.Token);
        }
    }
}
