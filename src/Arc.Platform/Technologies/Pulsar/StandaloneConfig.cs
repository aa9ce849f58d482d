using System.Text;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>Edits a Java properties file (Pulsar's conf/standalone.conf) key by key, keeping everything else as shipped.</summary>
internal static class StandaloneConfig
{
    public static string Rewrite(string properties, IReadOnlyDictionary<string, string> overrides)
    {
        var pending = new Dictionary<string, string>(overrides, StringComparer.Ordinal);
        var output = new StringBuilder();
        foreach (var line in properties.ReplaceLineEndings("\n").Split('\n'))
        {
            var key = KeyOf(line);
            if (key is not null && pending.Remove(key, out var value))
                output.Append(key).Append('=').Append(value).Append('\n');
            else
                output.Append(line).Append('\n');
        }
        if (pending.Count > 0)
        {
            output.Append("\n# Added by arc for the native driver\n");
            foreach (var (key, value) in pending.OrderBy(p => p.Key, StringComparer.Ordinal))
                output.Append(key).Append('=').Append(value).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>Parses a properties file into key → value (comments and blank lines skipped).</summary>
    public static IReadOnlyDictionary<string, string> Read(string properties)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in properties.ReplaceLineEndings("\n").Split('\n'))
            if (KeyOf(line) is { } key)
                values[key] = line[(line.IndexOfAny(['=', ':']) + 1)..].Trim();
        return values;
    }

    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
            return null;
        var end = trimmed.IndexOfAny(['=', ':']);
        return end <= 0 ? null : trimmed[..end].Trim();
    }
}
