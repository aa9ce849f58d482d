using System.Net;
using System.Net.Sockets;
using System.Text;
using Arc.Platform.Bench;

namespace Arc.Platform.Technologies.Nats;

/// <summary>A plain socket speaking just enough of the NATS protocol to write pre-encoded PUB frames and count what comes back.</summary>
internal sealed class NatsRawSocket : IDisposable
{
    private const int WriteBytes = 64 * 1024;
    private readonly Socket _socket;
    private readonly NatsFrameCounter _counter = new();
    private readonly byte[] _receive = new byte[WriteBytes];

    private NatsRawSocket(Socket socket) => _socket = socket;

    public static async Task<NatsRawSocket> ConnectAsync(int port, Secrets.Credential? credential, CancellationToken cancellationToken)
    {
        var user = credential is null ? ""
            : $",\"user\":\"{System.Text.Json.JsonEncodedText.Encode(credential.User)}\",\"pass\":\"{System.Text.Json.JsonEncodedText.Encode(credential.Password)}\"";
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var raw = new NatsRawSocket(socket);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            await raw.SendAsync($"CONNECT {{\"verbose\":false,\"pedantic\":false,\"echo\":false,\"name\":\"arc-bench-raw\"{user}}}\r\nPING\r\n", cancellationToken);
            await raw.ReadUntilPongAsync(cancellationToken);
            return raw;
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Core PUBs until the budget is spent, then PING/PONG; returns the frames written.</summary>
    public async Task<long> PublishAsync(string subject, int size, BenchBudget budget, CancellationToken cancellationToken)
    {
        var (frames, frameLength) = Frames($"PUB {subject} {size}\r\n", size, WriteBytes);
        long sent = 0;
        int batch;
        while ((batch = budget.Take(frames.Length / frameLength)) > 0)
        {
            await _socket.SendAsync(frames.AsMemory(0, batch * frameLength), cancellationToken);
            sent += batch;
        }
        await SendAsync("PING\r\n", cancellationToken);
        await ReadUntilPongAsync(cancellationToken);
        return sent;
    }

    /// <summary>PUBs with a reply inbox, at most <paramref name="window"/> un-acked; returns the acks counted.</summary>
    public async Task<long> PublishWithAcksAsync(string subject, string inbox, int size, int window, BenchBudget budget, CancellationToken cancellationToken)
    {
        await SendAsync($"SUB {inbox} 1\r\nPING\r\n", cancellationToken);
        await ReadUntilPongAsync(cancellationToken);
        // A quarter of the window per write keeps the server fed while earlier frames are acked.
        var (frames, frameLength) = Frames($"PUB {subject} {inbox} {size}\r\n", size, Math.Max(1, window / 4) * (subject.Length + inbox.Length + size + 20));
        var framesPerWrite = frames.Length / frameLength;
        using var credit = new SemaphoreSlim(window, window);
        var reading = Task.Run(() => CountAcksAsync(credit, cancellationToken), CancellationToken.None);
        long sent = 0;
        int batch;
        while ((batch = budget.Take(framesPerWrite)) > 0)
        {
            for (var i = 0; i < batch; i++)
                await credit.WaitAsync(cancellationToken);
            if (_counter.Failure is { } failure)
                throw new InvalidOperationException($"JetStream refused a publish: {failure}");
            await _socket.SendAsync(frames.AsMemory(0, batch * frameLength), cancellationToken);
            sent += batch;
        }
        for (var i = 0; i < window; i++)
            if (!await credit.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken))
                throw new InvalidOperationException($"JetStream acked {_counter.Messages} of {sent} raw publishes within 30 s");
        _socket.Shutdown(SocketShutdown.Send);
        await reading;
        return _counter.Messages;
    }

    private async Task CountAcksAsync(SemaphoreSlim credit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _socket.ReceiveAsync(_receive, cancellationToken);
            if (read == 0)
                return;
            var before = _counter.Messages;
            _counter.Feed(_receive.AsSpan(0, read));
            if (_counter.Messages > before)
                credit.Release((int)(_counter.Messages - before));
        }
    }

    private static (byte[] Frames, int FrameLength) Frames(string header, int size, int targetBytes)
    {
        var frame = new byte[Encoding.ASCII.GetByteCount(header) + size + 2];
        Encoding.ASCII.GetBytes(header, frame);
        frame.AsSpan(frame.Length - size - 2, size).Fill((byte)'x');
        "\r\n"u8.CopyTo(frame.AsSpan(frame.Length - 2));
        var count = Math.Max(1, targetBytes / frame.Length);
        var frames = new byte[count * frame.Length];
        for (var i = 0; i < count; i++)
            frame.CopyTo(frames, i * frame.Length);
        return (frames, frame.Length);
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken) =>
        await _socket.SendAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    private async Task ReadUntilPongAsync(CancellationToken cancellationToken)
    {
        var pongs = _counter.Pongs;
        while (_counter.Pongs == pongs)
        {
            var read = await _socket.ReceiveAsync(_receive, cancellationToken);
            if (read == 0)
                throw new IOException("the server closed the connection");
            _counter.Feed(_receive.AsSpan(0, read));
            if (_counter.Failure is { } failure)
                throw new InvalidOperationException($"the server answered {failure}");
        }
    }

    public void Dispose() => _socket.Dispose();
}
