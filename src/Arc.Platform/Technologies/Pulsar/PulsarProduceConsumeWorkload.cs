using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Arc.Platform.Bench;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Produce and consume through Pulsar's WebSocket API (the broker's own HTTP port): one consumer
/// on a run-unique subscription acknowledging every message, and <c>clients</c> producers each
/// keeping <c>pipeline</c> sends un-acked. Throughput is what the consumer received; latency is
/// send → the broker's "ok". The topic (and with it the subscription) is deleted afterwards,
/// interrupted or not. Frame shapes: Pulsar's WebSocket API documentation (see
/// tests/Arc.Platform.Tests/Pulsar/Recorded/README.md).
/// </summary>
internal sealed class PulsarProduceConsumeWorkload(ServiceDefinition service) : IBenchWorkload
{
    private const string Namespace = "public/default";

    public string Operation => "produce-consume";

    public async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var run = Guid.NewGuid().ToString("N")[..12];
        var topic = $"arc-bench-{run}";
        var http = PulsarTechnology.AdminUrl(service);
        var ws = "ws" + http["http".Length..];
        var sockets = new List<ClientWebSocket>();
        try
        {
            var consumer = await PulsarWebSocket.OpenAsync($"{ws}/ws/v2/consumer/persistent/{Namespace}/{topic}/arc-bench-{run}", sockets, cancellationToken);
            var producers = new List<ClientWebSocket>();
            for (var i = 0; i < options.Clients; i++)
                producers.Add(await PulsarWebSocket.OpenAsync($"{ws}/ws/v2/producer/persistent/{Namespace}/{topic}", sockets, cancellationToken));
            var budget = new BenchBudget(options);
            var histograms = producers.Select(_ => new LatencyHistogram()).ToArray();
            var clock = Stopwatch.StartNew();
            var consuming = PulsarWebSocket.ConsumeAsync(consumer, cancellationToken);
            var sent = await Task.WhenAll(producers.Select((p, i) => PulsarWebSocket.ProduceAsync(p, options, budget, histograms[i], cancellationToken)));
            var received = await consuming.UntilAsync(sent.Sum(), cancellationToken);
            var latencies = new LatencyHistogram();
            foreach (var histogram in histograms)
                latencies.Add(histogram);
            return BenchResult.From(service.Codename, Operation, options, received, clock.Elapsed.TotalSeconds, latencies);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Abort();
            await DeleteTopicAsync(http, topic);
        }
    }

    private static async Task DeleteTopicAsync(string adminUrl, string topic)
    {
        using var http = new HttpClient { Timeout = PulsarTechnology.BenchRequestTimeout };
        using var response = await http.DeleteAsync($"{adminUrl}/admin/v2/persistent/{Namespace}/{topic}?force=true");
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            throw new InvalidOperationException($"could not delete the bench topic {topic}: {(int)response.StatusCode}");
    }
}

/// <summary>The JSON frames of Pulsar's WebSocket producer and consumer endpoints.</summary>
internal static class PulsarWebSocket
{
    public static async Task<ClientWebSocket> OpenAsync(string url, List<ClientWebSocket> opened, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        opened.Add(socket);
        await socket.ConnectAsync(new Uri(url), cancellationToken);
        return socket;
    }

    /// <summary>Sends messages with a context per window slot until the budget is spent and every send is acknowledged "ok".</summary>
    public static async Task<long> ProduceAsync(ClientWebSocket producer, BenchOptions options, BenchBudget budget, LatencyHistogram latencies, CancellationToken cancellationToken)
    {
        var payload = Convert.ToBase64String(new byte[options.Size]);
        var sentAt = new long[options.Pipeline];
        var buffer = new byte[64 * 1024];
        long sent = 0, acked = 0;
        while (true)
        {
            while (sent - acked < options.Pipeline && budget.Take(1) > 0)
            {
                var slot = (int)(sent % options.Pipeline);
                sentAt[slot] = Stopwatch.GetTimestamp();
                var frame = Encoding.UTF8.GetBytes($"{{\"payload\":\"{payload}\",\"context\":\"{slot}\"}}");
                await producer.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                sent++;
            }
            if (acked == sent)
                return sent;
            using var answer = JsonDocument.Parse(await ReceiveAsync(producer, buffer, cancellationToken));
            var result = answer.RootElement.GetProperty("result").GetString();
            if (result != "ok")
                throw new InvalidOperationException($"Pulsar refused a send: {result} {(answer.RootElement.TryGetProperty("errorMsg", out var why) ? why.GetString() : "")}");
            if (int.TryParse(answer.RootElement.GetProperty("context").GetString(), out var acknowledged) && acknowledged < sentAt.Length)
                latencies.Record(Stopwatch.GetTimestamp() - sentAt[acknowledged]);
            acked++;
        }
    }

    public static Consumption ConsumeAsync(ClientWebSocket consumer, CancellationToken cancellationToken) => new(consumer, cancellationToken);

    internal static async Task<ReadOnlyMemory<byte>> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
            if (read.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"Pulsar closed the WebSocket ({socket.CloseStatusDescription})");
            filled += read.Count;
            if (read.EndOfMessage)
                return buffer.AsMemory(0, filled);
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>The consumer: acknowledges every message by its id and counts them.</summary>
    internal sealed class Consumption
    {
        private readonly Task _loop;
        private long _received;
        private long _expected = long.MaxValue;

        public Consumption(ClientWebSocket consumer, CancellationToken cancellationToken) => _loop = Task.Run(() => LoopAsync(consumer, cancellationToken), cancellationToken);

        private async Task LoopAsync(ClientWebSocket consumer, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            while (Interlocked.Read(ref _received) < Interlocked.Read(ref _expected))
            {
                using var message = JsonDocument.Parse(await ReceiveAsync(consumer, buffer, cancellationToken));
                var id = message.RootElement.GetProperty("messageId").GetString();
                var ack = Encoding.UTF8.GetBytes($"{{\"messageId\":\"{id}\"}}");
                await consumer.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                Interlocked.Increment(ref _received);
            }
        }

        /// <summary>Waits until <paramref name="expected"/> messages were received and acknowledged.</summary>
        public async Task<long> UntilAsync(long expected, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _expected, expected);
            while (Interlocked.Read(ref _received) < expected)
            {
                if (_loop.IsCompleted)
                    await _loop;   // surfaces the consumer's failure
                await Task.Delay(1, cancellationToken);
            }
            return expected;
        }
    }
}
