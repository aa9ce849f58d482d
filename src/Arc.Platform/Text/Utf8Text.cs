using System.Text.Unicode;
using Arc.Platform.Yaml;

namespace Arc.Platform.Text;

/// <summary>Strict UTF-8 decoding: the first invalid byte is reported at its line and column, not replaced.</summary>
public static class Utf8Text
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static string Decode(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (bytes.StartsWith(ByteOrderMark))
            bytes = bytes[ByteOrderMark.Length..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var (line, column) = Locate(bytes[..read]);
            throw new ConfigException(displayPath, line, column, $"not UTF-8: invalid byte 0x{bytes[read]:X2}");
        }
        return new string(chars, 0, written);
    }

    /// <summary>Line and column just after <paramref name="before"/>, counting characters, not bytes.</summary>
    private static (int Line, int Column) Locate(ReadOnlySpan<byte> before)
    {
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = before.Count((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[(lastNewline + 1)..])
            if ((b & 0xC0) != 0x80)
                column++;
        return (line, column);
    }
}
