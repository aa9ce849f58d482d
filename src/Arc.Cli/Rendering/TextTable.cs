namespace Arc.Cli.Rendering;

/// <summary>A plain, left-aligned text table: what `docker ps` users expect to read.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Format(headers, widths));
        foreach (var row in _rows)
            writer.WriteLine(Format(row, widths));
    }

    private static string Format(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
