using System.Diagnostics;
using Arc.Platform.Bench;
using Arc.Platform.Registry;
using NATS.Client.Core;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// JetStream publish with acks into a file-storage stream made for this run and deleted after
/// it — the path AGENT_COMMANDS/AGENT_EVENTS take. Each client keeps up to <c>pipeline</c>
/// publishes un-acked (an async window). Publishes go out as core PUBs with a reply subject per
/// window slot and the acks are read off one wildcard subscription: the same frames
/// NatsJSContext.PublishAsync sends, without a request task and a JSON-decoded ack per message,
/// which on 2 shared cores is client CPU taken from the server being measured.
/// </summary>
internal sealed class NatsJetStreamWorkload(ServiceDefinition service) : IBenchWorkload
{
    public string Operation => "js-publish";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var run = NatsWorkloadConnections.RunId();
        await using var admin = await NatsWorkloadConnections.ConnectAsync(service, "arc-bench-admin", cancellationToken);
        NatsWorkloadConnections.CheckPayload(service, admin, options.Size);
        await using var stream = await NatsWorkloadConnections.CreateStreamAsync(admin, run);
        var windows = new List<AckWindow>();
        try
        {
            for (var i = 0; i < options.Clients; i++)
            {
                var connection = await NatsWorkloadConnections.ConnectAsync(service, $"arc-bench-{i}", cancellationToken);
                windows.Add(await AckWindow.StartAsync(connection, $"_INBOX.arcbench.{run}.{i}", stream.Subject, options, cancellationToken));
            }
            var budget = new BenchBudget(options);
            var clock = Stopwatch.StartNew();
            var acked = await Task.WhenAll(windows.Select(w => w.PublishAsync(budget, cancellationToken)));
            var elapsed = clock.Elapsed.TotalSeconds;
            var latencies = new LatencyHistogram();
            foreach (var window in windows)
                latencies.Add(window.Latencies);
            return BenchResult.From(service.Codename, Operation, options, acked.Sum(), elapsed, latencies);
        }
        finally
        {
            foreach (var window in windows)
                await window.DisposeAsync();
        }
    }

    /// <summary>One publishing connection and its window of un-acked messages.</summary>
    private sealed class AckWindow : IAsyncDisposable
    {
        private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);
        private readonly NatsConnection _connection;
        private readonly INatsSub<NatsMemoryOwner<byte>> _acks;
        private readonly string _subject;
        private readonly string[] _replies;
        private readonly long[] _sentAt;
        private readonly byte[] _payload;
        private readonly SemaphoreSlim _window;
        private readonly Task _loop;
        private volatile string? _failure;

        private AckWindow(NatsConnection connection, INatsSub<NatsMemoryOwner<byte>> acks, string inbox, string subject, BenchOptions options)
        {
            _connection = connection;
            _acks = acks;
            _subject = subject;
            _replies = [.. Enumerable.Range(0, options.Pipeline).Select(i => $"{inbox}.{i}")];
            _sentAt = new long[options.Pipeline];
            _payload = new byte[options.Size];
            _window = new SemaphoreSlim(options.Pipeline, options.Pipeline);
            _loop = Task.Run(ReadAcksAsync);
        }

        public LatencyHistogram Latencies { get; } = new();

        public static async Task<AckWindow> StartAsync(NatsConnection connection, string inbox, string subject, BenchOptions options, CancellationToken cancellationToken)
        {
            var acks = await connection.SubscribeCoreAsync<NatsMemoryOwner<byte>>($"{inbox}.*", cancellationToken: cancellationToken);
            return new AckWindow(connection, acks, inbox, subject, options);
        }

        public async Task<long> PublishAsync(BenchBudget budget, CancellationToken cancellationToken)
        {
            await Task.Yield();
            long sent = 0;
            while (budget.Take(1) > 0)
            {
                await _window.WaitAsync(cancellationToken);
                ThrowOnFailure();
                // Acks of one stream arrive in publish order, so slot reuse never overtakes an outstanding ack.
                var slot = (int)(sent % _replies.Length);
                _sentAt[slot] = Stopwatch.GetTimestamp();
                await _connection.PublishAsync(_subject, _payload, replyTo: _replies[slot], cancellationToken: cancellationToken);
                sent++;
            }
            for (var i = 0; i < _replies.Length; i++)
                if (!await _window.WaitAsync(AckTimeout, cancellationToken))
                    throw new InvalidOperationException($"JetStream acked {sent - _replies.Length + i} of {sent} publishes within {AckTimeout.TotalSeconds:0} s");
            ThrowOnFailure();
            return sent;
        }

        private async Task ReadAcksAsync()
        {
            var reader = _acks.Msgs;
            while (await reader.WaitToReadAsync())
                while (reader.TryRead(out var ack))
                    using (var data = ack.Data)
                    {
                        var span = data.Span;
                        if (span.Length == 0 || span.IndexOf("\"error\""u8) >= 0)
                            _failure ??= span.Length == 0 ? "JetStream did not answer the publish (no stream on the subject?)" : System.Text.Encoding.UTF8.GetString(span);
                        else if (int.TryParse(ack.Subject.AsSpan(ack.Subject.LastIndexOf('.') + 1), out var slot) && slot < _sentAt.Length)
                            Latencies.Record(Stopwatch.GetTimestamp() - _sentAt[slot]);
                        _window.Release();
                    }
        }

        private void ThrowOnFailure()
        {
            if (_failure is { } failure)
                throw new InvalidOperationException($"JetStream refused a publish: {failure}");
        }

        public async ValueTask DisposeAsync()
        {
            await _acks.UnsubscribeAsync();
            await _loop;
            await _acks.DisposeAsync();
            await _connection.DisposeAsync();
            _window.Dispose();
        }
    }
}
