using Arc.Platform.Text;
using System.Text;

namespace Arc.Platform.Compose;

/// <summary>One logical Dockerfile instruction: continuation lines joined, located at its first line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line);

/// <summary>A LABEL key/value with the line of the instruction that set it.</summary>
public sealed record DockerLabel(string Key, string Value, int Line);

/// <summary>A comment line, kept because some rules need a documented reason.</summary>
public sealed record Comment(string Text, int Line);

/// <summary>
/// Just enough of the Dockerfile grammar for conformance checks: instructions, labels, users,
/// base images and comments. Build semantics (stages, heredocs) beyond that are not modelled.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<Comment> comments)
    {
        Instructions = instructions;
        Comments = comments;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }
    public IReadOnlyList<Comment> Comments { get; }

    /// <summary>Instructions of the last stage: what the published image is made of.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage
    {
        get
        {
            var lastFrom = Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
            return lastFrom < 0 ? Instructions : [.. Instructions.Skip(lastFrom)];
        }
    }

    public DockerInstruction? FinalFrom => Instructions.LastOrDefault(i => i.Keyword == "FROM");

    /// <summary>The final stage's base image with ARG defaults substituted, e.g. "nats:2.10-alpine".</summary>
    public string? FinalBaseImage
    {
        get
        {
            var from = FinalFrom;
            if (from is null)
                return null;
            var words = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            return words.Count == 0 ? null : Substitute(words[0]);
        }
    }

    public IReadOnlyList<DockerLabel> Labels =>
        [.. FinalStage.Where(i => i.Keyword == "LABEL").SelectMany(i => ParseLabels(i.Arguments).Select(p => new DockerLabel(p.Key, p.Value, i.Line)))];

    public DockerLabel? Label(string key) => Labels.LastOrDefault(l => l.Key == key);

    /// <summary>Default values of ARG instructions, for substituting ${NAME} in FROM.</summary>
    public IReadOnlyDictionary<string, string> ArgDefaults
    {
        get
        {
            var args = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var arg in Instructions.Where(i => i.Keyword == "ARG"))
            {
                var eq = arg.Arguments.IndexOf('=');
                if (eq > 0)
                    args[arg.Arguments[..eq].Trim()] = Unquote(arg.Arguments[(eq + 1)..].Trim());
            }
            return args;
        }
    }

    public string Substitute(string text)
    {
        foreach (var (name, value) in ArgDefaults)
            text = text.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        return text;
    }

    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var comments = new List<Comment>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        StringBuilder? pending = null;
        var pendingLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                comments.Add(new Comment(trimmed.TrimStart('#').Trim(), i + 1));
                continue;
            }
            if (pending is null)
            {
                if (trimmed.Length == 0)
                    continue;
                pending = new StringBuilder();
                pendingLine = i + 1;
            }
            var continues = trimmed.EndsWith('\\');
            pending.Append(continues ? trimmed[..^1] : trimmed).Append(' ');
            if (!continues)
            {
                instructions.Add(ToInstruction(pending.ToString(), pendingLine));
                pending = null;
            }
        }
        if (pending is not null)
            instructions.Add(ToInstruction(pending.ToString(), pendingLine));
        return new Dockerfile(instructions, comments);
    }

    private static DockerInstruction ToInstruction(string text, int line)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0
            ? new DockerInstruction(text.ToUpperInvariant(), "", line)
            : new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim(), line);
    }

    /// <summary>LABEL arguments: <c>k=v k2="v 2"</c>, or the legacy single-pair form <c>k v</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseLabels(string arguments)
    {
        var words = ShellWords.Split(arguments);
        if (words.Count > 0 && !words[0].Contains('='))
            return [new(words[0], string.Join(' ', words.Skip(1)))];
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq > 0)
                pairs.Add(new(word[..eq], word[(eq + 1)..]));
        }
        return pairs;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
