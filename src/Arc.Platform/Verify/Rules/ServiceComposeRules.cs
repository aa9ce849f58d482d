using Arc.Platform.Yaml;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Verify.Files;

namespace Arc.Platform.Verify.Rules;

/// <summary>A rule over each service.yaml and the compose service that runs it.</summary>
public abstract class ServiceComposeRule : Rule
{
    /// <summary>Restricts the rule to one technology; null checks every service.</summary>
    protected virtual string? Tech => null;

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services.Where(s => Tech is null || s.Tech == Tech))
        {
            var compose = repo.Compose(service);
            if (compose.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            var main = ComposeFacts.MainService(compose.Value!, service);
            if (main is null)
            {
                yield return At(compose, 1, $"no compose service named '{service.Name}' (the name in {service.File})");
                continue;
            }
            foreach (var violation in Check(repo, service, compose.Value!, main))
                yield return violation;
        }
    }

    /// <summary>For a rule that also asks the repository (the service's technology); most need only the compose service.</summary>
    protected virtual IEnumerable<Violation> Check(RepoSnapshot repo, ServiceDefinition service, ComposeFile compose, ComposeService main) =>
        Check(service, compose, main);

    protected abstract IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main);
}

public sealed class ContainerNamesMatch : Rule
{
    public override string Id => "container-names-match";
    public override string Description => "each service runs as a compose service and container named as in service.yaml; every container is named arc-* after its compose key";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services)
        {
            var compose = repo.Compose(service);
            if (compose.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            if (compose.Value!.Service(service.Name) is null)
                yield return At(compose, 1, $"no compose service keyed '{service.Name}' (name in {service.File}:{service.Where("name").Line})");
        }
        foreach (var compose in repo.AllCompose.Where(c => c.Value is not null).Select(c => c.Value!))
        {
            foreach (var entry in compose.Services)
            {
                var container = ComposeFacts.ContainerName(entry);
                if (container is null)
                    yield return At(compose.DisplayPath, entry.Line, $"service '{entry.Name}' sets no container_name");
                else if (container != entry.Name)
                    yield return At(compose.DisplayPath, Yml.Line(entry.Get("container_name")), $"service '{entry.Name}' runs as container '{container}'; name them alike");
                else if (!container.StartsWith("arc-", StringComparison.Ordinal))
                    yield return At(compose.DisplayPath, Yml.Line(entry.Get("container_name")), $"container '{container}' is not named arc-*");
            }
        }
    }
}

public sealed class ComposeBuildsServiceImage : ServiceComposeRule
{
    public override string Id => "compose-builds-service-image";
    public override string Description => "the service's compose entry builds its own Dockerfile and tags it with the image of service.yaml";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var build = main.Get("build");
        if (build is null)
            yield return At(compose.DisplayPath, main.Line, $"'{service.Name}' does not build services/{service.Role}/Dockerfile (no build:)");
        else
        {
            var context = Yml.Text(build) ?? Yml.Text(Yml.Child(build, "context")) ?? ".";
            var dockerfile = Yml.Text(Yml.Child(build, "dockerfile")) ?? "Dockerfile";
            if (context.TrimEnd('/') is not ("." or "./") || dockerfile != "Dockerfile")
                yield return At(compose.DisplayPath, Yml.Line(build), $"'{service.Name}' builds '{context}/{dockerfile}', not its own ./Dockerfile");
        }
        var imageNode = main.Get("image");
        var image = Yml.Text(imageNode);
        if (image is null || ImageRef.Parse(image).Repository != service.Image)
            yield return At(compose.DisplayPath, Yml.Line(imageNode ?? main.KeyNode), $"'{service.Name}' image is '{image}', expected {service.Image}[:tag] as in {service.File}");
    }
}

public sealed class PortsMatchServiceYaml : ServiceComposeRule
{
    public override string Id => "ports-match-service-yaml";
    public override string Description => "the ports a service publishes are exactly the host:container pairs of its service.yaml";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        var published = ComposeFacts.Ports(main).ToList();
        foreach (var port in published.Where(p => !service.Ports.Any(d => d.Host == p.Host && d.Container == p.Container)))
            yield return At(compose.DisplayPath, port.Line, $"'{service.Name}' publishes '{port.Text}' but {service.File} declares {Declared(service)}");
        foreach (var declared in service.Ports.Where(d => !published.Any(p => p.Host == d.Host && p.Container == d.Container)))
            yield return At(compose.DisplayPath, main.Line, $"'{service.Name}' does not publish port '{declared.Name}' {declared.Host}:{declared.Container} declared at {service.Where($"ports.{declared.Name}")}");
    }

    private static string Declared(ServiceDefinition service) =>
        string.Join(", ", service.Ports.Select(p => $"{p.Name} {p.Host}:{p.Container}"));
}

public sealed class HealthcheckStartPeriod : Rule
{
    private static readonly string[] Required = ["test", "interval", "timeout", "retries", "start_period"];

    public override string Id => "healthcheck-start-period";
    public override string Description => "each service has a healthcheck, and every healthcheck of every compose file has test, interval, timeout, retries and a positive start_period";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services)
        {
            var compose = repo.Compose(service).Value;
            var main = compose is null ? null : ComposeFacts.MainService(compose, service);
            if (main is not null && main.Get("healthcheck") is null)
                yield return At(compose!.DisplayPath, main.Line, $"'{service.Name}' has no healthcheck");
        }
        foreach (var compose in repo.AllCompose)
        {
            if (compose.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            foreach (var entry in compose.Value!.Services.Where(s => s.Get("healthcheck") is not null))
                foreach (var violation in CheckHealthcheck(compose.File, entry))
                    yield return violation;
        }
    }

    private IEnumerable<Violation> CheckHealthcheck(string file, ComposeService service)
    {
        var health = service.Get("healthcheck");
        var at = Yml.KeyLine(service.Node, "healthcheck");
        if (Yml.IsTrue(Yml.Child(health, "disable")))
            yield return At(file, at, $"'{service.Name}' disables its healthcheck");
        foreach (var key in Required.Where(k => Yml.Child(health, k) is null))
            yield return At(file, at, $"'{service.Name}' healthcheck has no {key}");
        foreach (var key in new[] { "interval", "timeout", "start_period" })
        {
            var node = Yml.Child(health, key);
            if (node is not null && ComposeFacts.Seconds(Yml.Text(node)) is not > 0)
                yield return At(file, Yml.Line(node), $"'{service.Name}' healthcheck {key} '{Yml.Text(node)}' is not a positive duration");
        }
        var retries = Yml.Child(health, "retries");
        if (retries is not null && Yml.Int(Yml.Text(retries)) is not > 0)
            yield return At(file, Yml.Line(retries), $"'{service.Name}' healthcheck retries '{Yml.Text(retries)}' is not a positive integer");
    }
}

public sealed class ExportersPresent : Rule
{
    public override string Id => "exporters-present";
    // Being on arc_platform_net is network-external's check, which covers every service of these files.
    public override string Description => "the metrics endpoint of each service.yaml is served: by the service on one of its ports, or by a sidecar listening on that port and reading the service";

    public override IEnumerable<Violation> Check(RepoSnapshot repo)
    {
        foreach (var service in repo.Services.Where(s => s.Metrics is { } m && m.Service == s.Name && s.Ports.All(p => p.Container != m.Port)))
            yield return At(service.File, service.Metrics!.Line, $"{service.Name} serves its own metrics, but port {service.Metrics.Port} is none of its container ports");
        foreach (var service in repo.Services.Where(s => s.Metrics is not null && s.Metrics.Service != s.Name))
        {
            var metrics = service.Metrics!;
            var compose = repo.Compose(service);
            if (compose.ProblemFor(Id) is { } problem)
            {
                yield return problem;
                continue;
            }
            var sidecar = compose.Value!.Service(metrics.Service);
            if (sidecar is null)
            {
                yield return At(compose, 1, $"no exporter sidecar '{metrics.Service}' (declared at {service.File}:{metrics.Line})");
                continue;
            }
            var text = SidecarText(sidecar);
            if (!text.Contains(metrics.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                yield return At(compose, sidecar.Line, $"exporter '{metrics.Service}' does not declare port {metrics.Port} (service.yaml metrics port) in its command, environment or expose:");
            if (!service.Ports.Any(p => text.Contains($"{service.Name}:{p.Container}", StringComparison.Ordinal)))
                yield return At(compose, sidecar.Line, $"exporter '{metrics.Service}' does not read {service.Name} on any of its ports ({string.Join(", ", service.Ports.Select(p => p.Container))})");
        }
    }

    private static string SidecarText(ComposeService sidecar) =>
        string.Join(' ', sidecar.Command.Concat(sidecar.Environment.Select(e => $"{e.Key}={e.Value}")).Concat(Yml.Strings(sidecar.Get("expose"))));
}

public sealed class HealthcheckProbesServiceYaml : ServiceComposeRule
{
    public override string Id => "healthcheck-probes-service-yaml";
    public override string Description => "a service with an HTTP health path probes that path on its health port's container port in its compose healthcheck";

    protected override IEnumerable<Violation> Check(ServiceDefinition service, ComposeFile compose, ComposeService main)
    {
        if (service.Health.Path is not { } path)
            yield break;
        var test = Yml.Path(main.Node, "healthcheck", "test");
        var text = string.Join(' ', Yml.Strings(test));
        var expected = $":{service.HealthPort.Container}{path}";
        if (test is not null && !text.Contains(expected, StringComparison.Ordinal))
            yield return At(compose.DisplayPath, Yml.Line(test), $"'{service.Name}' healthcheck does not probe {expected} (health port '{service.Health.Port}' and path at {service.Where("health")})");
    }
}
