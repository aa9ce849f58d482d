using Arc.Platform.Yaml;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;

namespace Arc.Platform.Verify.Rules;

/// <summary>A rule applied to each compose file in turn; a file that fails to load is reported once.</summary>
public abstract class ComposeFileRule : Rule
{
    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var compose in repo.AllCompose)
        {
            if (compose.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            foreach (var violation in Check(repo, compose.Value!))
                yield return violation;
        }
    }

    protected abstract IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose);
}

public sealed class PortsLoopbackOnly : ComposeFileRule
{
    public override string Id => "ports-loopback-only";
    public override string Description => "every published port binds 127.0.0.1, never all interfaces";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        foreach (var service in compose.Services)
        {
            foreach (var port in ComposeFacts.Ports(service).Where(p => p.HostIp != ServiceEndpoint.LoopbackHost))
                yield return At(compose.DisplayPath, port.Line, $"service '{service.Name}' publishes '{port.Text}' on {port.HostIp ?? "every interface"}; publish as 127.0.0.1:HOST:CONTAINER");
            if (Yml.Text(service.Get("network_mode")) == "host")
                yield return At(compose.DisplayPath, Yml.Line(service.Get("network_mode")), $"service '{service.Name}' uses network_mode: host, which exposes every port on every interface");
        }
    }
}

public sealed class VolumesNamedOnly : ComposeFileRule
{
    public override string Id => "volumes-named-only";
    public override string Description => "data lives in declared named volumes; the only bind mounts allowed are read-only configuration files of the repository";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        var declared = Yml.Names(compose.TopLevel("volumes")).ToHashSet(StringComparer.Ordinal);
        var dir = Path.GetDirectoryName(compose.DisplayPath)!.Replace('\\', '/');
        foreach (var service in compose.Services)
        {
            foreach (var mount in ComposeFacts.Volumes(service))
            {
                if (mount.Source is null)
                    yield return At(compose.DisplayPath, mount.Line, $"service '{service.Name}' mounts an anonymous volume at '{mount.Target}'; use a named volume");
                else if (mount.IsBind && !IsReadOnlyRepoFile(repo, dir, mount))
                    yield return At(compose.DisplayPath, mount.Line, $"service '{service.Name}' bind-mounts '{mount.Source}'; data must live in a named volume");
                else if (!mount.IsBind && !declared.Contains(mount.Source))
                    yield return At(compose.DisplayPath, mount.Line, $"service '{service.Name}' mounts volume '{mount.Source}' which is not declared under top-level volumes:");
            }
        }
        foreach (var (name, keyNode, value) in Yml.Entries(compose.TopLevel("volumes")))
        {
            var options = Yml.Child(value, "driver_opts");
            if (Yml.Text(Yml.Child(options, "o"))?.Contains("bind", StringComparison.Ordinal) == true)
                yield return At(compose.DisplayPath, Yml.Line(keyNode), $"volume '{name}' is a bind mount disguised by driver_opts");
        }
        foreach (var service in repo.Services.Where(s => RepoSnapshot.ComposePath(s) == compose.DisplayPath))
        {
            var main = ComposeFacts.MainService(compose, service);
            if (main is null)
                continue;
            var named = ComposeFacts.Volumes(main).Where(m => !m.IsBind && m.Source is not null).ToList();
            if (named.Count == 0)
                yield return At(compose.DisplayPath, main.Line, $"'{service.Name}' keeps its data in no named volume");
            foreach (var mount in named.Where(m => !m.Source!.StartsWith(service.Name + "-", StringComparison.Ordinal)))
                yield return At(compose.DisplayPath, mount.Line, $"volume '{mount.Source}' of '{service.Name}' must be named '{service.Name}-...' so `docker volume ls | grep arc` finds it");
        }
    }

    private static bool IsReadOnlyRepoFile(RepoSnapshot repo, string composeDir, VolumeMount mount)
    {
        if (!mount.ReadOnly || mount.Source is null || !mount.Source.StartsWith("./", StringComparison.Ordinal))
            return false;
        var full = Path.GetFullPath(Path.Combine(repo.Root, composeDir, mount.Source));
        var relative = Path.GetRelativePath(repo.Root, full);
        return !relative.StartsWith("..", StringComparison.Ordinal) && File.Exists(full);
    }
}

public sealed class NetworkExternal : ComposeFileRule
{
    public const string PlatformNet = "arc_platform_net";

    public override string Id => "network-external";
    public override string Description => "arc_platform_net is declared external (name arc_platform_net) and every service of a platform compose file joins it";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        var networks = compose.TopLevel("networks");
        var platform = Yml.Child(networks, PlatformNet);
        if (platform is null)
        {
            yield return At(compose.DisplayPath, Yml.Line(networks ?? compose.Root), $"{PlatformNet} is not declared under top-level networks:");
            yield break;
        }
        var externalNode = Yml.Child(platform, "external");
        if (!Yml.IsTrue(externalNode) && Yml.Child(externalNode, "name") is null)
            yield return At(compose.DisplayPath, Yml.KeyLine(networks, PlatformNet), $"{PlatformNet} must be declared external: true (it is shared between compose projects)");
        var name = Yml.Text(Yml.Child(platform, "name")) ?? Yml.Text(Yml.Path(platform, "external", "name"));
        if (name is not null && name != PlatformNet)
            yield return At(compose.DisplayPath, Yml.KeyLine(networks, PlatformNet), $"{PlatformNet} is declared with name '{name}'");
        if (compose.DisplayPath == RepoSnapshot.OtelCompose)
            yield break;
        foreach (var service in compose.Services.Where(s => !ComposeFacts.Networks(s).Contains(PlatformNet)))
            yield return At(compose.DisplayPath, service.Line, $"service '{service.Name}' is not on {PlatformNet}");
    }
}

public sealed class ComposeNoV2OnlyKeys : ComposeFileRule
{
    private static readonly string[] TopLevelV2Only = ["name", "include"];
    private static readonly string[] ServiceV2Only = ["develop", "models", "provider"];

    public override string Id => "compose-no-v2-only-keys";
    public override string Description => "compose files also run on docker-compose 1.29: no top-level name:/include:, no develop:, no healthcheck start_interval";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        foreach (var (key, keyNode, _) in Yml.Entries(compose.Root).Where(e => TopLevelV2Only.Contains(e.Key)))
            yield return At(compose.DisplayPath, Yml.Line(keyNode), $"top-level '{key}:' is Compose v2 only; pass the project name on the command line");
        foreach (var service in compose.Services)
        {
            foreach (var (key, keyNode, _) in Yml.Entries(service.Node).Where(e => ServiceV2Only.Contains(e.Key)))
                yield return At(compose.DisplayPath, Yml.Line(keyNode), $"service '{service.Name}' uses '{key}:', which is Compose v2 only");
            if (Yml.Child(service.Get("healthcheck"), "start_interval") is { } interval)
                yield return At(compose.DisplayPath, Yml.Line(interval), $"service '{service.Name}' uses healthcheck start_interval, which docker-compose 1.29 rejects");
        }
    }
}

public sealed class ComposeImagesPinned : ComposeFileRule
{
    public override string Id => "compose-images-pinned";
    public override string Description => "every image a compose file pulls has an explicit, non-latest tag or digest; images built here come from the Dockerfile";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, ComposeFile compose)
    {
        foreach (var service in compose.Services)
        {
            var imageNode = service.Get("image");
            var image = Yml.Text(imageNode);
            if (service.Get("build") is not null)
                continue; // its base image is pinned in the Dockerfile: see BuiltBasesPinned
            if (image is null)
            {
                yield return At(compose.DisplayPath, service.Line, $"service '{service.Name}' has neither image: nor build:");
                continue;
            }
            if (!ImageRef.IsPinned(image))
                yield return At(compose.DisplayPath, Yml.Line(imageNode), $"service '{service.Name}' pulls '{image}' without a pinned tag");
        }
    }

    public override IEnumerable<Violation> Check(RepoSnapshot repo) => base.Check(repo).Concat(BuiltBasesPinned(repo));

    /// <summary>A built image is only as pinned as the FROM of the Dockerfile it is built from.</summary>
    private IEnumerable<Violation> BuiltBasesPinned(RepoSnapshot repo)
    {
        var serviceDockerfiles = repo.Services.Select(RepoSnapshot.DockerfilePath).ToHashSet(StringComparer.Ordinal);
        foreach (var file in repo.BuiltDockerfiles.Where(f => !serviceDockerfiles.Contains(f)))
        {
            var dockerfile = repo.DockerfileAt(file);
            if (dockerfile.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            var image = dockerfile.Value!.FinalBaseImage;
            if (image is null || !ImageRef.IsPinned(image))
                yield return At(file, dockerfile.Value.FinalFrom?.Line ?? 1, $"base image '{image}' is not pinned to a version tag or digest");
        }
    }
}

/// <summary>Splits docker image references; "pinned" means a digest or a tag other than latest.</summary>
public static class ImageRef
{
    public static (string Repository, string? Tag, string? Digest) Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..], digest) : (image, null, digest);
    }

    public static bool IsPinned(string image)
    {
        var (_, tag, digest) = Parse(image);
        return digest is not null || (!string.IsNullOrEmpty(tag) && tag != "latest" && !tag.Contains('$'));
    }
}
