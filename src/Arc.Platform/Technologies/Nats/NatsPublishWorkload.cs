using System.Buffers.Binary;
using System.Diagnostics;
using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Core publish as fast as the server takes it: <c>clients</c> publishers on their own
/// connections, each ending with a PING so every message counted has reached the server.
/// With a subscriber (<c>pubsub</c>), throughput is what arrives on one subscribing connection,
/// and each message carries its send time so the latency is publish→deliver.
/// </summary>
internal sealed class NatsPublishWorkload(ServiceDefinition service, bool subscribe) : IBenchWorkload
{
    // Budget checks per batch of publishes: a clock read per message would be measurable at millions a second.
    private const int Batch = 256;

    public string Operation => subscribe ? "pubsub" : "publish";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var subject = $"_arc.bench.{NatsWorkloadConnections.RunId()}.pub";
        var connections = new List<NatsConnection>();
        NatsSubscriber? subscriber = null;
        try
        {
            for (var i = 0; i < options.Clients; i++)
                connections.Add(await NatsWorkloadConnections.ConnectAsync(service, $"arc-bench-{i}", cancellationToken));
            NatsWorkloadConnections.CheckPayload(service, connections[0], options.Size);
            if (subscribe)
            {
                connections.Add(await NatsWorkloadConnections.ConnectAsync(service, "arc-bench-subscriber", cancellationToken));
                subscriber = await NatsSubscriber.StartAsync(connections[^1], subject, cancellationToken);
            }
            var budget = new BenchBudget(options);
            var clock = Stopwatch.StartNew();
            var sent = await Task.WhenAll(connections.Take(options.Clients).Select(c => PublishAsync(c, subject, options.Size, budget, cancellationToken)));
            if (subscriber is null)
                return BenchResult.From(service.Codename, Operation, options, sent.Sum(), clock.Elapsed.TotalSeconds, latencies: null);
            await subscriber.WaitForAsync(sent.Sum(), cancellationToken);
            return BenchResult.From(service.Codename, Operation, options, subscriber.Received, clock.Elapsed.TotalSeconds, subscriber.Latencies);
        }
        finally
        {
            if (subscriber is not null)
                await subscriber.DisposeAsync();
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    private async Task<long> PublishAsync(NatsConnection connection, string subject, int size, BenchBudget budget, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var payload = new byte[size];
        var stamped = subscribe && size >= sizeof(long);
        long sent = 0;
        int batch;
        while ((batch = budget.Take(Batch)) > 0)
        {
            for (var i = 0; i < batch; i++)
            {
                if (stamped)
                    BinaryPrimitives.WriteInt64LittleEndian(payload, Stopwatch.GetTimestamp());
                await connection.PublishAsync(subject, payload, serializer: NatsRawSerializer<byte[]>.Default, cancellationToken: cancellationToken);
            }
            sent += batch;
        }
        await connection.PingAsync(cancellationToken);
        return sent;
    }

    /// <summary>One subscribing connection counting deliveries and, from the stamped send time, their latency.</summary>
    private sealed class NatsSubscriber : IAsyncDisposable
    {
        private static readonly TimeSpan Stall = TimeSpan.FromSeconds(5);
        private readonly INatsSub<NatsMemoryOwner<byte>> _subscription;
        private readonly Task _loop;
        private long _received;

        private NatsSubscriber(INatsSub<NatsMemoryOwner<byte>> subscription)
        {
            _subscription = subscription;
            _loop = Task.Run(ReceiveAsync);
        }

        public LatencyHistogram Latencies { get; } = new();
        public long Received => Volatile.Read(ref _received);

        public static async Task<NatsSubscriber> StartAsync(NatsConnection connection, string subject, CancellationToken cancellationToken)
        {
            var subscription = await connection.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject, cancellationToken: cancellationToken);
            await connection.PingAsync(cancellationToken);   // the server has the interest before anyone publishes
            return new NatsSubscriber(subscription);
        }

        private async Task ReceiveAsync()
        {
            var reader = _subscription.Msgs;
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out var message))
                    using (var data = message.Data)
                    {
                        if (data.Length >= sizeof(long))
                            Latencies.Record(Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64LittleEndian(data.Span));
                        Interlocked.Increment(ref _received);
                    }
        }

        /// <summary>Returns once <paramref name="expected"/> messages arrived; fails when deliveries stall short of it.</summary>
        public async Task WaitForAsync(long expected, CancellationToken cancellationToken)
        {
            var last = Received;
            var lastProgress = Stopwatch.GetTimestamp();
            while (Received < expected)
            {
                await Task.Delay(1, cancellationToken);
                if (Received != last)
                    (last, lastProgress) = (Received, Stopwatch.GetTimestamp());
                else if (Stopwatch.GetElapsedTime(lastProgress) > Stall)
                    throw new InvalidOperationException($"the subscriber received {last} of {expected} messages, then nothing for {Stall.TotalSeconds:0} s");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _subscription.UnsubscribeAsync();
            await _loop;
            await _subscription.DisposeAsync();
        }
    }
}
