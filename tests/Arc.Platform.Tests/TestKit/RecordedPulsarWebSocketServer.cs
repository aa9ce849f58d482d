using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Pulsar's admin health/tenants/topic-delete endpoints and its WebSocket producer and consumer
/// endpoints on one HTTP port, replaying the documented frames of Technologies/Pulsar/Recorded/: every
/// producer frame is answered with the ok (or error) frame carrying its context, and its payload
/// is delivered to the consumer in the documented message frame with a unique messageId.
/// </summary>
public sealed class RecordedPulsarWebSocketServer : IAsyncDisposable
{
    private readonly string _producerAnswer;
    private readonly Channel<string> _deliveries = new();
    private readonly LoopbackHttpListener _listener;
    private long _messageIds;

    public RecordedPulsarWebSocketServer(string producerAnswerFile = "websocket-producer.ok.json")
    {
        _producerAnswer = RecordedHttpServer.Recorded(producerAnswerFile);
        _listener = new LoopbackHttpListener(AnswerAsync);
    }

    public int Port => _listener.Port;
    public ConcurrentQueue<string> Acks { get; } = new();
    public ConcurrentQueue<string> DeletedTopics { get; } = new();
    public ConcurrentQueue<string> ProducerTopics { get; } = new();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        try
        {
            if (context.Request.IsWebSocketRequest && path.StartsWith("/ws/v2/producer/persistent/", StringComparison.Ordinal))
            {
                ProducerTopics.Enqueue(path["/ws/v2/producer/persistent/".Length..]);
                await ProduceAsync((await context.AcceptWebSocketAsync(null)).WebSocket);
            }
            else if (context.Request.IsWebSocketRequest && path.StartsWith("/ws/v2/consumer/persistent/", StringComparison.Ordinal))
                await ConsumeAsync((await context.AcceptWebSocketAsync(null)).WebSocket);
            else
                await AdminAsync(context, path);
        }
        catch (Exception e) when (e is WebSocketException or HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // the client went away: the benchmark aborts its sockets when it ends
        }
    }

    private async Task AdminAsync(HttpListenerContext context, string path)
    {
        var (status, body) = (context.Request.HttpMethod, path) switch
        {
            ("GET", "/admin/v2/brokers/health") => (200, RecordedHttpServer.Recorded("brokers-health.ok.txt")),
            ("GET", "/admin/v2/tenants") => (200, RecordedHttpServer.Recorded("tenants.standalone.json")),
            ("DELETE", _) when path.StartsWith("/admin/v2/persistent/", StringComparison.Ordinal) => (204, ""),
            _ => (404, ""),
        };
        if (status == 204)
            DeletedTopics.Enqueue(path["/admin/v2/persistent/".Length..]);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private async Task ProduceAsync(WebSocket socket)
    {
        var buffer = new byte[1 << 20];
        while (await ReceiveAsync(socket, buffer) is { } frame)
        {
            var sent = JsonNode.Parse(frame)!;
            var answer = JsonNode.Parse(_producerAnswer)!;
            answer["context"] = sent["context"]!.GetValue<string>();
            await SendAsync(socket, answer.ToJsonString());
            if (answer["result"]!.GetValue<string>() == "ok")
            {
                var message = JsonNode.Parse(RecordedHttpServer.Recorded("websocket-consumer.message.json"))!;
                message["messageId"] = $"CAMQ{Interlocked.Increment(ref _messageIds)}";
                message["payload"] = sent["payload"]!.GetValue<string>();
                await _deliveries.Writer.WriteAsync(message.ToJsonString());
            }
        }
    }

    private async Task ConsumeAsync(WebSocket socket)
    {
        var acks = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (await ReceiveAsync(socket, buffer) is { } frame)
                Acks.Enqueue(JsonDocument.Parse(frame).RootElement.GetProperty("messageId").GetString()!);
        });
        await foreach (var delivery in _deliveries.Reader.ReadAllAsync())
            await SendAsync(socket, delivery);
        await acks;
    }

    private static async Task<string?> ReceiveAsync(WebSocket socket, byte[] buffer)
    {
        var filled = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), CancellationToken.None);
            if (read.MessageType == WebSocketMessageType.Close)
                return null;
            filled += read.Count;
            if (read.EndOfMessage)
                return Encoding.UTF8.GetString(buffer, 0, filled);
        }
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        _deliveries.Writer.TryComplete();
        await _listener.DisposeAsync();
    }

    /// <summary>An unbounded single-purpose queue (System.Threading.Channels under a short name).</summary>
    private sealed class Channel<T>
    {
        private readonly System.Threading.Channels.Channel<T> _inner = System.Threading.Channels.Channel.CreateUnbounded<T>();
        public System.Threading.Channels.ChannelWriter<T> Writer => _inner.Writer;
        public System.Threading.Channels.ChannelReader<T> Reader => _inner.Reader;
    }
}
