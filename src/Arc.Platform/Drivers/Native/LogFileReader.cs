using System.Runtime.CompilerServices;
using System.Text;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Reads the end of a log file, and in follow mode keeps reading what the server appends (tail -f).
/// Memory stays bounded whatever the file's size: only the last <see cref="TailLines"/> lines are
/// read, found by seeking back from the end, and follow reads what was appended since.
/// </summary>
internal static class LogFileReader
{
    public const int TailLines = 1000;
    private const int MaxLineBytes = 64 * 1024;
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    public static async IAsyncEnumerable<string> ReadAsync(string file, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (lines, position) = Tail(file, TailLines);
        foreach (var line in lines)
            yield return line;
        if (!follow)
            yield break;
        var pending = new List<byte>();
        while (true)
        {
            try
            {
                await Task.Delay(FollowInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            var (appended, next) = ReadAppended(file, position, pending);
            position = next;
            foreach (var line in appended)
                yield return line;
        }
    }

    /// <summary>The last <paramref name="count"/> lines and the file's length; reads back from the end in blocks.</summary>
    public static (IReadOnlyList<string> Lines, long End) Tail(string file, int count)
    {
        using var stream = Open(file);
        if (stream is null)
            return ([], 0);
        var end = stream.Length;
        const int block = 64 * 1024;
        var start = end;
        var newlines = 0;
        var buffer = new byte[block];
        // Walk back until count+1 newlines are seen (the last line may end without one) or the file starts.
        while (start > 0 && newlines <= count)
        {
            var size = (int)Math.Min(block, start);
            start -= size;
            stream.Position = start;
            stream.ReadExactly(buffer, 0, size);
            newlines += buffer.AsSpan(0, size).Count((byte)'\n');
            if ((end - start) > (long)(count + 1) * MaxLineBytes)
                break;
        }
        stream.Position = start;
        var text = new byte[end - start];
        stream.ReadExactly(text);
        var lines = Encoding.UTF8.GetString(text).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        if (start > 0 && lines.Count > 0)
            lines.RemoveAt(0);   // began mid-line
        return (lines.Count > count ? lines[^count..] : lines, end);
    }

    private static (List<string> Lines, long Position) ReadAppended(string file, long position, List<byte> pending)
    {
        var lines = new List<string>();
        using var stream = Open(file);
        if (stream is null)
            return (lines, 0);
        if (stream.Length < position)
        {
            // Rotated (copied and truncated) or replaced: carry on from the new start.
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
                if (b == (byte)'\n' || pending.Count >= MaxLineBytes)
                {
                    lines.Add(Encoding.UTF8.GetString(pending.ToArray()).TrimEnd('\r'));
                    pending.Clear();
                }
                if (b != (byte)'\n')
                    pending.Add(b);
            }
        }
        return (lines, position);
    }

    /// <summary>The log opened for reading, never through a link; null when there is none.</summary>
    private static FileStream? Open(string file)
    {
        StateTree.CheckFile(file, ownedByServerUser: true);
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
