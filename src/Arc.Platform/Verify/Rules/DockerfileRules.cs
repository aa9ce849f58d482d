using Arc.Platform.Yaml;
using Arc.Platform.Compose;
using System.Text.RegularExpressions;
using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;

namespace Arc.Platform.Verify.Rules;

/// <summary>A rule over each service's Dockerfile; a missing Dockerfile is this rule's violation.</summary>
public abstract class DockerfileRule : Rule
{
    protected virtual string? Tech => null;

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services.Where(s => Tech is null || s.Tech == Tech))
        {
            var dockerfile = repo.Dockerfile(service);
            if (dockerfile.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            foreach (var violation in Check(repo, service, dockerfile.File, dockerfile.Value!))
                yield return violation;
        }
    }

    protected abstract IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile);

    protected static int FromLine(Dockerfile dockerfile) => dockerfile.FinalFrom?.Line ?? 1;
}

/// <summary>The image must not run as root, neither by its USER nor by a compose override.</summary>
public abstract class NonRootRule : DockerfileRule
{
    public override string Description => $"the {Tech} image sets a non-root USER and compose does not override it";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile)
    {
        var user = dockerfile.FinalStage.LastOrDefault(i => i.Keyword == "USER");
        if (user is null)
            yield return At(file, FromLine(dockerfile), $"{service.Name} ({Tech}) image sets no USER, so it runs as root");
        else if (IsRoot(user.Arguments))
            yield return At(file, user.Line, $"{service.Name} ({Tech}) image runs as '{user.Arguments}', which is root");
        var compose = repo.Compose(service).Value;
        var main = compose is null ? null : Files.ComposeFacts.MainService(compose, service);
        var composeUser = main?.Get("user");
        if (Yml.Text(composeUser) is { } overridden && IsRoot(overridden))
            yield return At(compose!.DisplayPath, Yml.Line(composeUser), $"{service.Name} compose overrides the user with '{overridden}', which is root");
    }

    public static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim().Trim('"');
        return name is "root" or "0" or "";
    }
}

public sealed class LabelsOci : DockerfileRule
{
    public static readonly string[] Required =
        ["org.opencontainers.image.title", "org.opencontainers.image.description", "org.opencontainers.image.source"];

    public override string Id => "labels-oci";
    public override string Description => "every Dockerfile (of a service or built by a compose file) sets the OCI labels title, description and source";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        var files = repo.Services.Select(RepoSnapshot.DockerfilePath).Concat(repo.BuiltDockerfiles).Distinct();
        foreach (var loaded in files.Select(repo.DockerfileAt))
        {
            if (loaded.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            foreach (var violation in Check(loaded.File, loaded.Value!))
                yield return violation;
        }
    }

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile) =>
        Check(file, dockerfile);

    private IEnumerable<Violation> Check(string file, Dockerfile dockerfile)
    {
        foreach (var key in Required)
        {
            var label = dockerfile.Label(key);
            if (label is null)
                yield return At(file, FromLine(dockerfile), $"missing LABEL {key}");
            else if (string.IsNullOrWhiteSpace(label.Value))
                yield return At(file, label.Line, $"LABEL {key} is empty");
        }
    }
}

public sealed class LabelsArcConsistent : DockerfileRule
{
    public override string Id => "labels-arc-consistent";
    public override string Description => "arc.service.name, arc.service.codename and arc.service.tech labels equal service.yaml";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile)
    {
        foreach (var (key, expected, field) in new[] { ("arc.service.name", service.Name, "name"), ("arc.service.codename", service.Codename, "codename"), ("arc.service.tech", service.Tech, "tech") })
        {
            var label = dockerfile.Label(key);
            if (label is null)
                yield return At(file, FromLine(dockerfile), $"missing LABEL {key}=\"{expected}\"");
            else if (label.Value != expected)
                yield return At(file, label.Line, $"LABEL {key}=\"{label.Value}\" disagrees with {field} '{expected}' at {service.Where(field)}");
        }
    }
}

public sealed class ImagePinnedOnce : DockerfileRule
{
    public override string Id => "image-pinned-once";
    public override string Description => "the upstream image is pinned to a non-latest tag in the Dockerfile and named nowhere else";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, string file, Dockerfile dockerfile)
    {
        var from = dockerfile.FinalFrom;
        var image = dockerfile.FinalBaseImage;
        if (from is null || image is null)
        {
            yield return At(file, 1, "no FROM instruction");
            yield break;
        }
        if (!ImageRef.IsPinned(image))
            yield return At(file, from.Line, $"base image '{image}' is not pinned to a version tag or digest");
        var (repository, tag, _) = ImageRef.Parse(image);
        if (tag is not null && ImageRef.IsPinned(image))
        {
            var mentions = dockerfile.Instructions.Where(i => i.Arguments.Contains(tag, StringComparison.Ordinal)).ToList();
            if (mentions.Count > 1)
                yield return At(file, mentions[1].Line, $"the version '{tag}' is written {mentions.Count} times; pin it in one place");
        }
        foreach (var compose in repo.AllCompose.Where(c => c.Value is not null).Select(c => c.Value!))
            foreach (var entry in compose.Services)
                if (Yml.Text(entry.Get("image")) is { } other && ImageRef.Parse(other).Repository == repository)
                    yield return At(compose.DisplayPath, Yml.Line(entry.Get("image")), $"service '{entry.Name}' names the upstream image '{other}' again; build it from {file} instead");
        if (tag is not null)
            foreach (var violation in PinnedElsewhere(repo, $"{repository}:{tag}", file))
                yield return violation;
    }

    /// <summary>The pinned reference repeated in a workflow or make file would drift from the Dockerfile.</summary>
    private IEnumerable<Violation> PinnedElsewhere(RepoSnapshot repo, string reference, string dockerfile)
    {
        var files = repo.Glob(".github/workflows/*.yml").Concat(repo.Glob("services/*.mk")).Concat(repo.Glob("services/*/*.mk")).Append(RepoSnapshot.RootMakefile);
        foreach (var lines in files.Select(repo.Lines).Where(l => l.Value is not null))
            for (var i = 0; i < lines.Value!.Length; i++)
                if (lines.Value[i].Contains(reference, StringComparison.Ordinal))
                    yield return At(lines.File, i + 1, $"'{reference}' is pinned again here; {dockerfile} is the one place for it");
    }
}
