using Arc.Platform.Yaml;
using Arc.Platform.Verify.Files;
using YamlDotNet.RepresentationModel;

using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Technologies.Nats.Rules;

public sealed class StreamsDeclared : Rule
{
    public const string File = "services/messaging/streams.yaml";
    private static readonly string[] Storages = ["file", "memory"];
    private static readonly string[] Retentions = ["limits", "interest", "workqueue"];
    private static readonly string[] Limits = ["max_age", "max_bytes", "max_msgs"];

    public override string Id => "streams-declared";
    // Which streams must exist is the consumers' contract (services/consumers.yaml, consumer-streams-match).
    public override string Description => "every stream in streams.yaml has subjects, storage, retention and a limit, each stream and its storage choice defended in a comment, subjects not overlapping";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var streams = repo.Yaml(File);
        if (streams.ProblemFor(Id) is { } problem)
            return [problem];
        return Check(streams.Value!);
    }

    private IEnumerable<Violation> Check(YamlFile file)
    {
        var list = Yml.Child(file.Root, "streams");
        var entries = Yml.Items(list);
        var subjects = new List<(string Stream, string Subject, int Line)>();
        foreach (var entry in entries)
        {
            var name = Yml.Text(Yml.Child(entry, "name")) ?? "(unnamed)";
            foreach (var v in CheckStream(file, entry, name))
                yield return v;
            foreach (var subject in Yml.Items(Yml.Child(entry, "subjects")))
            {
                var text = Yml.Text(subject) ?? "";
                foreach (var other in subjects.Where(s => s.Stream != name && Overlap(s.Subject, text)))
                    yield return At(File, Yml.Line(subject), $"subject '{text}' of {name} overlaps '{other.Subject}' of {other.Stream}; JetStream rejects overlapping streams");
                subjects.Add((name, text, Yml.Line(subject)));
            }
        }
    }

    private IEnumerable<Violation> CheckStream(YamlFile file, YamlNode entry, string name)
    {
        var line = Yml.Line(entry);
        if (Yml.Strings(Yml.Child(entry, "subjects")).Count == 0)
            yield return At(File, line, $"{name} has no subjects");
        if (!Storages.Contains(Yml.Text(Yml.Child(entry, "storage"))))
            yield return At(File, Yml.KeyLine(entry, "storage"), $"{name} storage must be one of {string.Join(", ", Storages)}");
        else if (!CommentAbove(file, Yml.KeyLine(entry, "storage")))
            yield return At(File, Yml.KeyLine(entry, "storage"), $"{name}'s storage choice is not defended in a comment above it");
        if (!Retentions.Contains(Yml.Text(Yml.Child(entry, "retention"))))
            yield return At(File, Yml.KeyLine(entry, "retention"), $"{name} retention must be one of {string.Join(", ", Retentions)}");
        if (!Limits.Any(l => Yml.Child(entry, l) is not null))
            yield return At(File, line, $"{name} sets no limit ({string.Join(", ", Limits)}): it would grow without bound");
        if (!CommentAbove(file, line))
            yield return At(File, line, $"{name} has no comment above it saying what it is for");
    }

    /// <summary>True when the nearest non-blank line above <paramref name="line"/> is a comment.</summary>
    private static bool CommentAbove(YamlFile file, int line)
    {
        for (var i = line - 2; i >= 0; i--)
        {
            var text = file.Lines[i].Trim();
            if (text.Length > 0)
                return text.StartsWith('#');
        }
        return false;
    }

    /// <summary>NATS subject overlap: tokens match pairwise, '*' matches one token, '>' the rest.</summary>
    public static bool Overlap(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            if (i < x.Length && x[i] == ">" || i < y.Length && y[i] == ">")
                return true;
            if (i >= x.Length || i >= y.Length)
                return false;
            if (x[i] != y[i] && x[i] != "*" && y[i] != "*")
                return false;
        }
        return true;
    }
}
