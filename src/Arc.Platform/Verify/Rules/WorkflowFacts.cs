using Arc.Platform.Yaml;
using System.Text.RegularExpressions;
using Arc.Platform.Verify.Files;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>A step of a GitHub Actions job, with the index that orders it inside its job.</summary>
public sealed record WorkflowStep(string Job, int Index, YamlNode Node)
{
    public string Uses => Yml.Text(Yml.Child(Node, "uses")) ?? "";
    public string Run => Yml.Text(Yml.Child(Node, "run")) ?? "";
    public string If => Yml.Text(Yml.Child(Node, "if")) ?? "";
    public YamlNode? With(string key) => Yml.Path(Node, "with", key);
    public string? WithText(string key) => Yml.Text(With(key));
    public int Line => Yml.Line(Node);

    public bool IsBuildPush => Uses.StartsWith("docker/build-push-action", StringComparison.Ordinal);

    /// <summary>True unless the step provably does not push (push: false, or no push: at all for build-push-action).</summary>
    public bool Pushes => IsBuildPush
        ? WithText("push") is { } push && push != "false"
        : Regex.IsMatch(Run, @"docker\s+(image\s+)?push\b|buildx\s+build[^\n]*--push");
}

/// <summary>Reads the parts of a workflow the rules need: jobs, steps, needs, matrix expansion.</summary>
public sealed partial class WorkflowFacts(YamlNode? root)
{
    public YamlNode? Root { get; } = root;

    public YamlNode? On => Yml.Child(Root, "on") ?? Yml.Child(Root, "true");

    public IEnumerable<(string Name, YamlNode Node)> Jobs =>
        Yml.Entries(Yml.Child(Root, "jobs")).Select(e => (e.Key, e.Value));

    public YamlNode? Job(string name) => Yml.Path(Root, "jobs", name);

    public IEnumerable<WorkflowStep> Steps =>
        Jobs.SelectMany(job => Yml.Items(Yml.Child(job.Node, "steps")).Select((step, i) => new WorkflowStep(job.Name, i, step)));

    public IReadOnlyList<string> Needs(string job) => Yml.Strings(Yml.Child(Job(job), "needs"));

    /// <summary>Every job that <paramref name="job"/> waits for, directly or not.</summary>
    public IReadOnlySet<string> Ancestors(string job)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Needs(job));
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.Add(next))
                foreach (var need in Needs(next))
                    pending.Push(need);
        }
        return seen;
    }

    [GeneratedRegex(@"^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$")]
    private static partial Regex MatrixReference();

    /// <summary>A step input with <c>${{ matrix.X }}</c> expanded over the job's matrix (include entries or lists).</summary>
    public IReadOnlyList<string> Expand(WorkflowStep step, string key)
    {
        var text = step.WithText(key);
        if (text is null)
            return [];
        if (MatrixReference().Match(text.Trim()) is not { Success: true } m)
            return [text];
        var matrix = Yml.Path(Job(step.Job), "strategy", "matrix");
        var name = m.Groups[1].Value;
        var values = Yml.Strings(Yml.Child(matrix, name)).ToList();
        values.AddRange(Yml.Items(Yml.Child(matrix, "include")).Select(i => Yml.Text(Yml.Child(i, name))).OfType<string>());
        return values;
    }

    /// <summary><c>platforms</c> of a build step as a list ("linux/amd64,linux/arm64" or a YAML block).</summary>
    public IReadOnlyList<string> Platforms(WorkflowStep step) =>
        [.. Expand(step, "platforms").SelectMany(p => p.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public static bool IsScan(WorkflowStep step) =>
        Regex.IsMatch(step.Uses, "trivy|grype|anchore|snyk|scout", RegexOptions.IgnoreCase)
        || Regex.IsMatch(step.Run, @"\b(trivy|grype|docker\s+scout)\b");
}
