using System.Net;
using System.Net.Sockets;
using System.Text;
using Arc.Platform.Bench;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// A benchmark connection that speaks RESP directly, as redis-benchmark does: the batch's
/// commands are encoded once, written with one send, and the replies are counted (and checked)
/// straight off the socket. Why not StackExchange.Redis here: measured on this 2-core machine,
/// SE.Redis spent 1.6–1.9 µs of client CPU per pipelined SET and 17–35 µs per unpipelined GET
/// against redis-benchmark's 0.5 µs and 12 µs, and reached 0.53–0.55 of redis-benchmark's
/// throughput at pipeline 32 — the benchmark measured its client. The workload still uses
/// SE.Redis for everything that is not the measured loop (limits, key set-up and clean-up).
/// </summary>
internal sealed class RedisRespClient : IBenchClient
{
    private readonly Socket _socket;
    private readonly byte[] _commands;
    private readonly int[] _ends;
    private readonly RespReplyCounter _replies;
    private readonly byte[] _receive = new byte[64 * 1024];

    private RedisRespClient(Socket socket, byte[] commands, int[] ends, int valueLength)
    {
        _socket = socket;
        _commands = commands;
        _ends = ends;
        _replies = new RespReplyCounter(valueLength);
    }

    public static async Task<IBenchClient> ConnectAsync(int port, Secrets.Credential? credential, string key, int valueLength, string operation, int pipeline,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            if (credential is not null)
                await AuthenticateAsync(socket, credential, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var (commands, ends) = Encode(key, valueLength, operation, pipeline);
        return new RedisRespClient(socket, commands, ends, valueLength);
    }

    /// <summary>AUTH user password, before the measured commands; a refusal names the user, never the password.</summary>
    private static async Task AuthenticateAsync(Socket socket, Secrets.Credential credential, CancellationToken cancellationToken)
    {
        string Bulk(string value) => $"${Encoding.UTF8.GetByteCount(value)}\r\n{value}\r\n";
        await socket.SendAsync(Encoding.UTF8.GetBytes($"*3\r\n$4\r\nAUTH\r\n{Bulk(credential.User)}{Bulk(credential.Password)}"), cancellationToken);
        var reply = new StringBuilder();
        var buffer = new byte[256];
        while (!reply.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
                throw new IOException("the server closed the connection during AUTH");
            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        if (!reply.ToString().StartsWith("+OK", StringComparison.Ordinal))
            throw new IOException($"AUTH as {credential.User} was refused: {reply.ToString().Trim()}");
    }

    /// <summary><paramref name="pipeline"/> commands back to back (mixed: SET, GET, SET, ...) and where each ends.</summary>
    internal static (byte[] Commands, int[] Ends) Encode(string key, int valueLength, string operation, int pipeline)
    {
        var set = Encoding.ASCII.GetBytes($"*4\r\n$3\r\nSET\r\n${Encoding.UTF8.GetByteCount(key)}\r\n{key}\r\n${valueLength}\r\n{new string('x', valueLength)}\r\n$7\r\nKEEPTTL\r\n");
        var get = Encoding.ASCII.GetBytes($"*2\r\n$3\r\nGET\r\n${Encoding.UTF8.GetByteCount(key)}\r\n{key}\r\n");
        var stream = new MemoryStream();
        var ends = new int[pipeline + 1];
        for (var i = 0; i < pipeline; i++)
        {
            stream.Write(operation switch { "set" => set, "get" => get, _ => i % 2 == 0 ? set : get });
            ends[i + 1] = (int)stream.Length;
        }
        return (stream.ToArray(), ends);
    }

    public async ValueTask RunAsync(int count, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(_commands.AsMemory(0, _ends[count]), cancellationToken);
        _replies.Expect(count);
        while (!_replies.Done)
        {
            var read = await _socket.ReceiveAsync(_receive, cancellationToken);
            if (read == 0)
                throw new IOException("the server closed the connection");
            _replies.Feed(_receive.AsSpan(0, read));
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Counts RESP replies fed in arbitrary chunks: +OK for SET, a bulk string of the value's length
/// for GET. An error reply, a nil or a value of another length fails loudly.
/// </summary>
internal sealed class RespReplyCounter(int valueLength)
{
    private readonly List<byte> _line = new(32);
    private int _bulkLeft;
    private int _expected;
    private int _seen;

    public bool Done => _seen >= _expected && _bulkLeft == 0;

    public void Expect(int count) => (_expected, _seen) = (count, 0);

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_bulkLeft > 0)
            {
                var skip = Math.Min(_bulkLeft, bytes.Length - i);
                _bulkLeft -= skip;
                i += skip;
                continue;
            }
            var end = bytes[i..].IndexOf((byte)'\n');
            if (end < 0)
            {
                _line.AddRange(bytes[i..]);
                return;
            }
            if (_line.Count == 0)
                OnReply(bytes.Slice(i, end + 1));   // the usual case: the whole line is in this chunk, no copy
            else
            {
                _line.AddRange(bytes.Slice(i, end + 1));
                OnReply([.. _line]);
                _line.Clear();
            }
            i += end + 1;
        }
    }

    private void OnReply(ReadOnlySpan<byte> line)
    {
        _seen++;
        if (line[0] == (byte)'+')
            return;
        var text = line.TrimEnd("\r\n"u8);
        if (line[0] == (byte)'$' && System.Buffers.Text.Utf8Parser.TryParse(text[1..], out int length, out _) && length == valueLength)
        {
            _bulkLeft = length + 2;
            return;
        }
        var reply = Encoding.ASCII.GetString(text);
        throw new InvalidOperationException(reply[0] == '$'
            ? $"GET returned {(reply == "$-1" ? "nil" : reply[1..] + " bytes")}, expected {valueLength} bytes"
            : $"Redis answered '{reply}'");
    }
}
