using System.Runtime.CompilerServices;
using System.Text;

namespace Arc.Platform.Drivers.Native;

/// <summary>Reads a log file, and in follow mode keeps reading what the server appends (tail -f).</summary>
internal static class LogFileReader
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    public static async IAsyncEnumerable<string> ReadAsync(string file, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long position = 0;
        var pending = new List<byte>();
        while (true)
        {
            var (lines, next) = ReadNewLines(file, position, pending);
            position = next;
            foreach (var line in lines)
                yield return line;
            if (!follow)
            {
                if (pending.Count > 0)
                    yield return Decode(pending);
                yield break;
            }
            try
            {
                await Task.Delay(FollowInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static (List<string> Lines, long Position) ReadNewLines(string file, long position, List<byte> pending)
    {
        var lines = new List<string>();
        if (!File.Exists(file))
            return (lines, 0);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < position)
        {
            // Truncated or replaced (clean): start over.
            position = 0;
            pending.Clear();
        }
        stream.Position = position;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            position += read;
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    lines.Add(Decode(pending));
                    pending.Clear();
                }
                else
                    pending.Add(b);
            }
        }
        return (lines, position);
    }

    private static string Decode(List<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
}
