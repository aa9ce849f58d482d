using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Rules;

/// <summary>A rule over one workflow file.</summary>
public abstract class WorkflowRule : Rule
{
    protected abstract string File { get; }

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var workflow = repo.Yaml(File);
        if (workflow.ProblemFor(Id) is { } problem)
            return [problem];
        return Check(repo, new WorkflowFacts(workflow.Value!.Root));
    }

    protected abstract IEnumerable<Violation> Check(RepoSnapshot repo, WorkflowFacts workflow);

    /// <summary>Each service's directory must be the build context of some build step.</summary>
    protected IEnumerable<Violation> EveryServiceBuilt(RepoSnapshot repo, WorkflowFacts workflow)
    {
        var contexts = workflow.Steps.Where(s => s.IsBuildPush).SelectMany(s => workflow.Expand(s, "context")).Select(c => c.TrimEnd('/')).ToHashSet();
        foreach (var service in repo.Services.Where(s => !contexts.Contains(RepoSnapshot.RoleDir(s))))
            yield return At(File, Yml.Line(Yml.Child(workflow.Root, "jobs")), $"no build step has context {RepoSnapshot.RoleDir(service)} ({service.Codename})");
    }
}

public sealed class WorkflowImagesPathFilters : WorkflowRule
{
    protected override string File => RepoSnapshot.ImagesWorkflow;
    public override string Id => "workflow-images-path-filters";
    public override string Description => "messaging-images.yml: one paths filter per service covering exactly its directory, each build gated on its own filter, amd64 only, push only from main";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, WorkflowFacts workflow)
    {
        var filterStep = workflow.Steps.FirstOrDefault(s => s.Uses.StartsWith("dorny/paths-filter", StringComparison.Ordinal));
        if (filterStep is null)
        {
            yield return At(File, 1, "no dorny/paths-filter step: every image would rebuild on any change");
            yield break;
        }
        var filters = ParseFilters(filterStep, out var filtersLine);
        foreach (var violation in FiltersMatchServices(repo, filters, filtersLine))
            yield return violation;
        foreach (var violation in BuildsGatedOnOwnFilter(workflow, filters, filterStep))
            yield return violation;
        foreach (var violation in EveryServiceBuilt(repo, workflow))
            yield return violation;
        foreach (var step in workflow.Steps.Where(s => s.IsBuildPush))
        {
            var platforms = workflow.Platforms(step);
            if (platforms is not ["linux/amd64"])
                yield return At(File, Yml.Line(step.With("platforms") ?? step.Node), $"CI builds are amd64 only, this step builds [{string.Join(", ", platforms)}]");
        }
        foreach (var step in workflow.Steps.Where(s => s.Pushes && !OnlyOnMain(workflow, s)))
            yield return At(File, Yml.Line(step.With("push") ?? step.Node), "this step can push from a branch other than main (condition it on github.ref == 'refs/heads/main')");
    }

    private static bool OnlyOnMain(WorkflowFacts workflow, WorkflowStep step)
    {
        var conditions = $"{step.WithText("push")} {step.If} {Yml.Text(Yml.Child(workflow.Job(step.Job), "if"))}";
        return conditions.Contains("refs/heads/main", StringComparison.Ordinal);
    }

    private Dictionary<string, (IReadOnlyList<string> Globs, int Line)> ParseFilters(WorkflowStep step, out int line)
    {
        var node = step.With("filters");
        line = Yml.Line(node ?? step.Node);
        var filters = new Dictionary<string, (IReadOnlyList<string>, int)>(StringComparer.Ordinal);
        YamlNode? parsed;
        try
        {
            parsed = YamlDocumentLoader.ParseRoot(Yml.Text(node) ?? "", File);
        }
        catch (ConfigException)
        {
            return filters;
        }
        // The filters block is a literal scalar: its own line 1 sits one line below the `filters: |` key.
        foreach (var (name, keyNode, value) in Yml.Entries(parsed))
            filters[name] = (Yml.Strings(value), line + Yml.Line(keyNode));
        return filters;
    }

    private IEnumerable<Violation> FiltersMatchServices(RepoSnapshot repo, Dictionary<string, (IReadOnlyList<string> Globs, int Line)> filters, int filtersLine)
    {
        foreach (var service in repo.Services)
        {
            var name = new[] { service.Codename, service.Role, service.Name }.FirstOrDefault(filters.ContainsKey);
            if (name is null)
            {
                yield return At(File, filtersLine, $"no paths filter named {service.Codename} for {RepoSnapshot.RoleDir(service)}/");
                continue;
            }
            var (globs, line) = filters[name];
            var dir = RepoSnapshot.RoleDir(service) + "/";
            if (!globs.Any(g => g.StartsWith(dir, StringComparison.Ordinal)))
                yield return At(File, line, $"filter '{name}' does not cover {dir}");
            foreach (var glob in globs.Where(g => !g.StartsWith(dir, StringComparison.Ordinal) && g != RepoSnapshot.ImagesWorkflow))
                yield return At(File, line, $"filter '{name}' for {service.Codename} also matches '{glob}', outside {dir}");
        }
        var roles = repo.Services.Select(s => RepoSnapshot.RoleDir(s) + "/").ToList();
        foreach (var (name, (globs, line)) in filters)
            foreach (var glob in globs.Where(g => g.StartsWith("services/", StringComparison.Ordinal) && !roles.Any(r => g.StartsWith(r, StringComparison.Ordinal))))
                yield return At(File, line, $"filter '{name}' matches '{glob}', which is no service directory");
    }

    private IEnumerable<Violation> BuildsGatedOnOwnFilter(WorkflowFacts workflow, Dictionary<string, (IReadOnlyList<string> Globs, int Line)> filters, WorkflowStep filterStep)
    {
        var filterJob = workflow.Job(filterStep.Job);
        foreach (var step in workflow.Steps.Where(s => s.IsBuildPush))
        {
            var context = step.WithText("context")?.TrimEnd('/') ?? "";
            var jobIf = Yml.Text(Yml.Child(workflow.Job(step.Job), "if")) ?? "";
            var output = System.Text.RegularExpressions.Regex.Match(jobIf, $@"needs\.{System.Text.RegularExpressions.Regex.Escape(filterStep.Job)}\.outputs\.([A-Za-z0-9_-]+)");
            if (!output.Success)
            {
                yield return At(File, Yml.Line(workflow.Job(step.Job)), $"job '{step.Job}' is not gated on a paths filter output of job '{filterStep.Job}'");
                continue;
            }
            var wiring = Yml.Text(Yml.Path(filterJob, "outputs", output.Groups[1].Value)) ?? "";
            var filter = System.Text.RegularExpressions.Regex.Match(wiring, @"outputs\.([A-Za-z0-9_-]+)");
            var name = filter.Success ? filter.Groups[1].Value : output.Groups[1].Value;
            if (!filters.TryGetValue(name, out var f) || !f.Globs.Any(g => g.StartsWith(context + "/", StringComparison.Ordinal)))
                yield return At(File, Yml.Line(Yml.Child(workflow.Job(step.Job), "if")), $"job '{step.Job}' builds {context} but is gated on filter '{name}', which does not cover it");
        }
    }
}

public sealed class WorkflowReleaseTag : WorkflowRule
{
    public const string TagPattern = "messaging/v*";

    protected override string File => RepoSnapshot.ReleaseWorkflow;
    public override string Id => "workflow-release-tag";
    public override string Description => "messaging-release.yml: runs on tags messaging/v*, publishes linux/amd64+linux/arm64 images of every service only after a failing-on-findings vulnerability scan, then cuts a GitHub release";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, WorkflowFacts workflow)
    {
        var tags = Yml.Path(workflow.On, "push", "tags");
        if (!Yml.Strings(tags).Contains(TagPattern))
            yield return At(File, Yml.Line(tags ?? workflow.On ?? workflow.Root), $"the release does not trigger on push of tags '{TagPattern}'");
        if (Yml.Path(workflow.On, "push", "branches") is { } branches)
            yield return At(File, Yml.Line(branches), "the release also triggers on branch pushes");
        foreach (var violation in EveryServiceBuilt(repo, workflow))
            yield return violation;
        var steps = workflow.Steps.ToList();
        var publishers = steps.Where(s => s.Pushes).ToList();
        if (publishers.Count == 0)
            yield return At(File, 1, "no step publishes an image");
        var scans = steps.Where(WorkflowFacts.IsScan).ToList();
        foreach (var scan in scans.Where(s => s.WithText("exit-code") is "0"))
            yield return At(File, scan.Line, "the scan has exit-code 0, so it gates nothing");
        foreach (var publish in publishers)
        {
            var platforms = workflow.Platforms(publish);
            foreach (var platform in new[] { "linux/amd64", "linux/arm64" }.Where(p => !platforms.Contains(p)))
                yield return At(File, Yml.Line(publish.With("platforms") ?? publish.Node), $"the published image is not built for {platform}");
            var ancestors = workflow.Ancestors(publish.Job);
            if (!scans.Any(s => (s.Job == publish.Job && s.Index < publish.Index) || ancestors.Contains(s.Job)))
                yield return At(File, publish.Line, "this step publishes before any vulnerability scan (trivy, grype, ...) has passed");
        }
        var release = steps.FirstOrDefault(s => s.Uses.Contains("action-gh-release", StringComparison.Ordinal) || s.Run.Contains("gh release create", StringComparison.Ordinal));
        if (release is null)
            yield return At(File, 1, "no step creates the GitHub release");
        else if (publishers.Any(p => p.Job != release.Job && !workflow.Ancestors(release.Job).Contains(p.Job)))
            yield return At(File, release.Line, "the GitHub release does not wait for the images to be published");
    }
}

public sealed class WorkflowCiRunsTests : WorkflowRule
{
    protected override string File => RepoSnapshot.CiWorkflow;
    public override string Id => "workflow-ci-runs-tests";
    public override string Description => "ci.yml runs this project's own tests (.ci/run) on pull requests and on main";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, WorkflowFacts workflow)
    {
        if (!workflow.Steps.Any(s => s.Run.Contains(".ci/run", StringComparison.Ordinal) || s.Run.Contains("dotnet test", StringComparison.Ordinal)))
            yield return At(File, Yml.Line(Yml.Child(workflow.Root, "jobs") ?? workflow.Root), "no step runs .ci/run (or dotnet test)");
        foreach (var trigger in new[] { "pull_request", "push" }.Where(t => Yml.Child(workflow.On, t) is null && !Yml.Strings(workflow.On).Contains(t)))
            yield return At(File, Yml.Line(workflow.On ?? workflow.Root), $"the tests do not run on {trigger}");
    }
}
