using System.Text.RegularExpressions;

namespace Arc.Platform.Verify.Files;

/// <summary>A rule target with its recipe lines (after variable expansion of the target name).</summary>
public sealed record MakeTarget(string Name, int Line, IReadOnlyList<string> Recipe);

/// <summary>
/// The parts of a Makefile that conformance cares about: targets, .PHONY, <c>## target:</c>
/// help lines and include lines. Simple <c>$(VAR)</c> references to variables set in the same
/// file are expanded, so <c>$(CODENAME)-up:</c> is understood.
/// </summary>
public sealed partial class MakeFile
{
    private MakeFile(IReadOnlyList<MakeTarget> targets, IReadOnlyDictionary<string, int> phony,
        IReadOnlyDictionary<string, int> helpLines, IReadOnlyList<(string Pattern, int Line)> includes, IReadOnlyList<string> lines)
    {
        Targets = targets;
        Phony = phony;
        HelpLines = helpLines;
        Includes = includes;
        Lines = lines;
    }

    public IReadOnlyList<MakeTarget> Targets { get; }

    /// <summary>Names declared .PHONY, with the line of their declaration.</summary>
    public IReadOnlyDictionary<string, int> Phony { get; }

    /// <summary>Targets documented by a <c>## target: description</c> line.</summary>
    public IReadOnlyDictionary<string, int> HelpLines { get; }

    /// <summary>Each word of each include line (may be a glob).</summary>
    public IReadOnlyList<(string Pattern, int Line)> Includes { get; }

    public IReadOnlyList<string> Lines { get; }

    public MakeTarget? Target(string name) => Targets.FirstOrDefault(t => t.Name == name);

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::{1,3}=|\?=|\+=|=)\s*(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^([^:=#\s][^:=#]*?)\s*::?(?!=)(.*)$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^##\s*([A-Za-z0-9_.%-]+)\s*:")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^-?s?include\s+(.+)$")]
    private static partial Regex IncludeLine();

    [GeneratedRegex(@"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"\$[({]wildcard\s+([^)}]*)[)}]")]
    private static partial Regex Wildcard();

    public static MakeFile Parse(string text)
    {
        var lines = JoinContinuations(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, _) in lines)
            if (!line.StartsWith('\t') && Assignment().Match(line) is { Success: true } m)
                variables[m.Groups[1].Value] = m.Groups[2].Value.Trim();
        string Expand(string s) => VariableReference().Replace(s, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

        var targets = new List<MakeTarget>();
        var phony = new Dictionary<string, int>(StringComparer.Ordinal);
        var help = new Dictionary<string, int>(StringComparer.Ordinal);
        var includes = new List<(string, int)>();
        List<string>? recipe = null;
        foreach (var (line, number) in lines)
        {
            if (line.StartsWith('\t'))
            {
                recipe?.Add(line.Trim());
                continue;
            }
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                if (HelpLine().Match(trimmed) is { Success: true } h)
                    help.TryAdd(Expand(h.Groups[1].Value), number);
                continue;
            }
            if (trimmed.Length == 0 || Assignment().IsMatch(trimmed))
            {
                if (trimmed.Length != 0)
                    recipe = null;
                continue;
            }
            if (IncludeLine().Match(trimmed) is { Success: true } inc)
            {
                // `include $(wildcard x)` is a glob that tolerates no match; a plain glob is the same to us.
                foreach (var word in Wildcard().Replace(Expand(inc.Groups[1].Value), "$1").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    includes.Add((word, number));
                recipe = null;
                continue;
            }
            if (RuleLine().Match(StripComment(trimmed)) is not { Success: true } rule)
            {
                recipe = null;
                continue;
            }
            var names = Expand(rule.Groups[1].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names is [".PHONY"])
            {
                foreach (var name in Expand(rule.Groups[2].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    phony.TryAdd(name, number);
                recipe = null;
                continue;
            }
            recipe = [];
            var inline = rule.Groups[2].Value;
            var semicolon = inline.IndexOf(';');
            if (semicolon >= 0)
                recipe.Add(inline[(semicolon + 1)..].Trim());
            foreach (var name in names)
                targets.Add(new MakeTarget(name, number, recipe));
        }
        return new MakeFile(targets, phony, help, includes, [.. text.Split('\n')]);
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return hash < 0 ? line : line[..hash].TrimEnd();
    }

    private static List<(string Line, int Number)> JoinContinuations(string[] raw)
    {
        var joined = new List<(string, int)>();
        for (var i = 0; i < raw.Length; i++)
        {
            var start = i;
            var line = raw[i];
            // Recipe lines keep their backslashes: the shell, not make, joins them.
            while (!line.StartsWith('\t') && line.EndsWith('\\') && i + 1 < raw.Length)
                line = line[..^1] + " " + raw[++i].Trim();
            joined.Add((line, start + 1));
        }
        return joined;
    }
}
