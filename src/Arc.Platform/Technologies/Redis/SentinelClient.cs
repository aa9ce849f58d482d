using System.Net.Sockets;
using System.Text;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// A few commands to one Redis server or Sentinel over RESP, bounded in time: what arc asks a Sentinel
/// (PING, SENTINEL CKQUORUM, SENTINEL GET-MASTER-ADDR-BY-NAME) and a member (INFO replication, ROLE).
/// StackExchange.Redis treats a Sentinel as a special server (it refuses ordinary connections to one),
/// so arc's own questions to Sentinels go here. Replies are flattened: a bulk string or status is its
/// text, an array its items, an error throws.
/// </summary>
internal static class SentinelClient
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    /// <summary>Each command's reply, in order; AUTH first when <paramref name="password"/> is given.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> AskAsync(ServiceEndpoint endpoint, string? password,
        IReadOnlyList<string[]> commands, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Limit);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            var stream = client.GetStream();
            var all = password is null ? commands : [["AUTH", password], .. commands];
            await stream.WriteAsync(Encode(all), deadline.Token);
            var reader = new RespReader(stream);
            var replies = new List<IReadOnlyList<string>>();
            foreach (var _ in all)
                replies.Add(await reader.ReadAsync(deadline.Token));
            return password is null ? replies : replies.Skip(1).ToList();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisReplyException($"{endpoint} did not answer within {Limit.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            throw new RedisReplyException($"{endpoint}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new RedisReplyException($"{endpoint}: {e.Message}");
        }
    }

    public static async Task<IReadOnlyList<string>> AskAsync(ServiceEndpoint endpoint, string? password, string[] command, CancellationToken cancellationToken) =>
        (await AskAsync(endpoint, password, [command], cancellationToken))[0];

    private static byte[] Encode(IReadOnlyList<string[]> commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            text.Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
                text.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>RESP2 replies, flattened, with a bound on every length it is told.</summary>
    private sealed class RespReader(Stream stream)
    {
        private const int MaxLength = 1 << 20;
        private readonly BufferedStream _in = new(stream);

        public async Task<IReadOnlyList<string>> ReadAsync(CancellationToken cancellationToken)
        {
            var items = new List<string>();
            await ReadIntoAsync(items, cancellationToken);
            return items;
        }

        private async Task ReadIntoAsync(List<string> items, CancellationToken cancellationToken)
        {
            var line = await LineAsync(cancellationToken);
            var body = line.Length > 0 ? line[1..] : "";
            switch (line.FirstOrDefault())
            {
                case '+' or ':':
                    items.Add(body);
                    return;
                case '-':
                    throw new RedisReplyException(body);
                case '$':
                    var length = Length(body);
                    if (length >= 0)
                        items.Add(Encoding.UTF8.GetString(await ExactAsync(length + 2, cancellationToken), 0, length));
                    return;
                case '*':
                    var count = Length(body);
                    for (var i = 0; i < count; i++)
                        await ReadIntoAsync(items, cancellationToken);
                    return;
                default:
                    throw new RedisReplyException($"unexpected reply '{line}'");
            }
        }

        private static int Length(string text) =>
            int.TryParse(text, out var n) && n <= MaxLength ? n : throw new RedisReplyException($"bad length '{text}'");

        private async Task<string> LineAsync(CancellationToken cancellationToken)
        {
            var bytes = new List<byte>();
            var one = new byte[1];
            while (bytes.Count < MaxLength)
            {
                if (await _in.ReadAsync(one, cancellationToken) == 0)
                    throw new IOException("the server closed the connection");
                if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
                    return Encoding.UTF8.GetString([.. bytes[..^1]]);
                bytes.Add(one[0]);
            }
            throw new RedisReplyException("a reply line longer than 1 MiB");
        }

        private async Task<byte[]> ExactAsync(int count, CancellationToken cancellationToken)
        {
            var buffer = new byte[count];
            await _in.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }
    }
}

/// <summary>A Redis error reply, or no reply at all, from <see cref="SentinelClient"/>.</summary>
internal sealed class RedisReplyException(string message) : Exception(message);
