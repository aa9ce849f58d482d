using System.Text.RegularExpressions;

namespace Arc.Platform.Verify.Files;

/// <summary>Make-style wildcard expansion (<c>*</c> and <c>?</c> within one path segment).</summary>
public static class Globbing
{
    public static IReadOnlyList<string> Expand(string root, string pattern)
    {
        var segments = pattern.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { "" };
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var next = new List<string>();
            foreach (var prefix in current)
            {
                var dir = Path.Combine(root, prefix);
                if (!Directory.Exists(dir))
                    continue;
                var candidates = last
                    ? Directory.GetFiles(dir).Select(Path.GetFileName)
                    : Directory.GetDirectories(dir).Select(Path.GetFileName);
                next.AddRange(candidates.OfType<string>()
                    .Where(name => Matches(segments[i], name))
                    .Select(name => prefix.Length == 0 ? name : $"{prefix}/{name}"));
            }
            current = next;
        }
        return [.. current.Order(StringComparer.Ordinal)];
    }

    public static bool Matches(string pattern, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");
}
