using System.Runtime.CompilerServices;
using Arc.Platform.Compose;
using Arc.Platform.Lifecycle;
using Arc.Platform.Processes;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Docker;

/// <summary>
/// Runs a service as the plan's compose file says: `services/&lt;role&gt;/docker-compose.yml` in the
/// compose project `arc-platform`, on the external network arc_platform_net. A service and its
/// sidecars (the metrics exporter) are one compose file, so they start and stop together.
/// </summary>
/// <param name="technologyFor">What each service's containers read as compose secrets (its credentials); null mounts none.</param>
public sealed class DockerDriver(string root, DockerDriverOptions options, Func<ServiceDefinition, ITechnology>? technologyFor = null) : IServiceDriver, IImageDriver
{
    public const string NetworkName = "arc_platform_net";

    private readonly SemaphoreSlim _detecting = new(1, 1);
    private readonly SemaphoreSlim _networking = new(1, 1);
    private readonly SemaphoreSlim _building = new(1, 1);
    private ComposeTool? _compose;
    private TopologyContainers? _topologies;

    public string Name => "docker";

    /// <summary>
    /// The engine's containers are its records: `down` stops from them when the configuration cannot be read. With
    /// the technologies known it runs highly available topologies, one container per member (<see cref="TopologyContainers"/>).
    /// </summary>
    public DriverCapabilities Capabilities => new()
    {
        RecordStop = records => new ContainerRecords(records, options),
        KeepsStateFor = Topologies is { } topologies ? topologies.KeepsStateFor : null,
    };

    private TopologyContainers? Topologies => technologyFor is null ? null
        : _topologies ??= new TopologyContainers(root, options, new Native.NativeDriver(root, technologyFor), ComposeAsync, EnsureImageAsync);

    /// <summary>A topology's member, for a driver that runs them; null for a service of its own.</summary>
    private TopologyContainers? MemberOf(ServiceDefinition service) =>
        service.Member is null ? null : Topologies ?? throw new DriverException($"{service.Codename}: this docker driver runs no highly available topology");

    /// <summary>Compose builds and removes the services' images.</summary>
    public IImageDriver? Images => this;

    public async Task<StartOutcome> StartAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        if (MemberOf(service) is { } topology)
            return await topology.StartAsync(service, cancellationToken);
        if (!File.Exists(service.ComposeFile))
            return new StartOutcome(StartKind.Skipped, $"no compose file {Relative(service.ComposeFile)}; add one to run {service.Codename} under docker");
        var compose = ComposeFile.Load(service.ComposeFile, Relative(service.ComposeFile));
        var before = await ContainerState.InspectAsync(options.Docker, service.Name, cancellationToken);
        if (before is null && await BaseImageCheck.UnavailableAsync(options.Docker, service, compose, cancellationToken) is { } remedy)
            return new StartOutcome(StartKind.Skipped, remedy) { Remedy = new UseDriver(DriverChoice.Native) };
        // Written on every start: the files follow the credentials (rotated, or open after --insecure).
        if (technologyFor is not null)
            ContainerSecretFiles.Write(service, compose, technologyFor(service));
        await EnsureNetworkAsync(cancellationToken);
        // `up -d` builds images that do not exist yet and leaves unchanged running containers alone.
        await RequireAsync(service, ["up", "-d"], "start", cancellationToken);
        var kind = before?.Running == true ? StartKind.AlreadyRunning : StartKind.Started;
        return new StartOutcome(kind, $"compose project {ComposeTool.ProjectName}: {await ContainersAsync(service, cancellationToken)}");
    }

    /// <summary>Each container's own view, health-check verdict included, beside arc's probes.</summary>
    private async Task<string> ContainersAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var runtime = await InspectAsync(service, cancellationToken);
        return string.Join("; ", [runtime.Detail, .. runtime.Sidecars.Select(s => s.Running ? s.Detail : $"{s.Name} {s.Detail}")]);
    }

    /// <summary>`down` for the service's compose file: its containers go, its named volumes stay.</summary>
    public Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        MemberOf(service) is { } topology ? topology.StopAsync(service, cancellationToken) : DownAsync(service, [], cancellationToken);

    /// <summary>`down -v`: also removes the named volumes the compose file declares.</summary>
    public Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        MemberOf(service) is { } topology ? topology.CleanAsync(service, cancellationToken) : DownAsync(service, ["-v"], cancellationToken);

    /// <summary>For `nuke`: like clean, and also the images the compose file builds or uses.</summary>
    public Task RemoveImagesAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        DownAsync(service, ["-v", "--rmi", "all"], cancellationToken);

    /// <summary>`arc build`: builds the compose file's images; <paramref name="noCache"/> ignores the layer cache.</summary>
    public async Task<string> BuildAsync(ServiceDefinition service, bool noCache, CancellationToken cancellationToken)
    {
        if (!File.Exists(service.ComposeFile))
            throw new DriverException($"{service.Codename}: no compose file {Relative(service.ComposeFile)}");
        var result = await RequireAsync(service, noCache ? ["build", "--no-cache"] : ["build"], "build", cancellationToken);
        return $"built {service.Image} from {Relative(service.Directory)}" + (noCache ? " without the layer cache" : "") + Warnings(result);
    }

    public async Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        if (MemberOf(service) is { } topology)
            return await topology.InspectAsync(service, cancellationToken);
        var main = await ContainerState.InspectAsync(options.Docker, service.Name, cancellationToken);
        var sidecars = new List<SidecarInfo>();
        foreach (var name in SidecarNames(service))
        {
            var state = await ContainerState.InspectAsync(options.Docker, name, cancellationToken);
            sidecars.Add(state is null ? new SidecarInfo(name, false, "not running (no container)") : new SidecarInfo(name, state.Running, state.Describe()));
        }
        if (main is null)
            return new RuntimeInfo(false, "", [], sidecars, $"no container {service.Name}");
        return new RuntimeInfo(main.Running, $"container {main.Name} {main.Id}", main.Ports, sidecars, main.Describe());
    }

    /// <summary>Every container of the compose file, interleaved by compose itself, each line tagged with its container.</summary>
    public async IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (MemberOf(service) is { } topology)
        {
            await foreach (var line in topology.LogsAsync(service, follow, cancellationToken))
                yield return line;
            yield break;
        }
        if (!File.Exists(service.ComposeFile))
            yield break;
        var tool = await ComposeAsync(cancellationToken);
        var command = follow ? new[] { "logs", "--no-color", "-f" } : ["logs", "--no-color"];
        await foreach (var line in ToolProcess.LinesAsync(tool.File, tool.Arguments(ComposeFiles(service), command), cancellationToken))
            yield return line;
    }

    /// <summary>The compose files of a service: its own, then an override for this environment if one exists.</summary>
    public IReadOnlyList<string> ComposeFiles(ServiceDefinition service)
    {
        var files = new List<string> { service.ComposeFile };
        if (options.OverrideDirectory is { } dir && Path.Combine(dir, $"{service.Role}.override.yml") is var extra && File.Exists(extra))
            files.Add(extra);
        return files;
    }

    /// <summary>Creates arc_platform_net unless it exists: every compose file declares it external.</summary>
    public async Task EnsureNetworkAsync(CancellationToken cancellationToken)
    {
        await _networking.WaitAsync(cancellationToken);
        try
        {
            if ((await ToolProcess.RunAsync(options.Docker, ["network", "inspect", NetworkName], cancellationToken)).Succeeded)
                return;
            var created = await ToolProcess.RunAsync(options.Docker, ["network", "create", NetworkName], cancellationToken);
            if (!created.Succeeded && !(await ToolProcess.RunAsync(options.Docker, ["network", "inspect", NetworkName], cancellationToken)).Succeeded)
                throw new DriverException($"could not create the docker network {NetworkName}: {created.Tail()}");
        }
        finally
        {
            _networking.Release();
        }
    }

    private async Task DownAsync(ServiceDefinition service, string[] extra, CancellationToken cancellationToken)
    {
        if (!File.Exists(service.ComposeFile))
            return;
        await RequireAsync(service, ["down", .. extra], "stop", cancellationToken);
    }

    private async Task<ChildResult> RequireAsync(ServiceDefinition service, string[] command, string verb, CancellationToken cancellationToken)
    {
        var tool = await ComposeAsync(cancellationToken);
        var result = await ToolProcess.RunAsync(tool.File, tool.Arguments(ComposeFiles(service), command), cancellationToken);
        if (!result.Succeeded)
            throw new DriverException($"{service.Codename}: could not {verb} with {Describe(tool)} {string.Join(' ', command)}: {result.Tail()}");
        return result;
    }

    /// <summary>A member runs its service's image: built from the service's own compose file when the engine has none.</summary>
    private async Task EnsureImageAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            if ((await ToolProcess.RunAsync(options.Docker, ["image", "inspect", "--format", "{{.Id}}", service.Image], cancellationToken)).Succeeded)
                return;
            if (!File.Exists(service.ComposeFile))
                throw new DriverException($"{service.Codename}: no image {service.Image} and no compose file {Relative(service.ComposeFile)} to build it");
            var compose = ComposeFile.Load(service.ComposeFile, Relative(service.ComposeFile));
            if (await BaseImageCheck.UnavailableAsync(options.Docker, service, compose, cancellationToken) is { } remedy)
                throw new DriverException($"{service.Codename}: {remedy}");
            await RequireAsync(service, ["build", service.Name], "build", cancellationToken);
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<ComposeTool> ComposeAsync(CancellationToken cancellationToken)
    {
        await _detecting.WaitAsync(cancellationToken);
        try
        {
            return _compose ??= await ComposeTool.DetectAsync(options.Docker, cancellationToken)
                ?? throw new DriverException("neither `docker compose` (v2) nor `docker-compose` (v1) is installed; install one (Debian: apt-get install docker-compose)");
        }
        finally
        {
            _detecting.Release();
        }
    }

    /// <summary>The metrics exporter when it is a container of its own (Pulsar serves its metrics itself).</summary>
    private static IEnumerable<string> SidecarNames(ServiceDefinition service) =>
        service.Metrics is { } m && m.Service != service.Name ? [m.Service] : [];

    private static string Describe(ComposeTool tool) => tool.Prefix.Count > 0 ? $"{tool.File} {string.Join(' ', tool.Prefix)}" : tool.File;

    private static string Warnings(ChildResult result) =>
        result.Error.Contains("WARNING", StringComparison.Ordinal) ? $" ({result.Tail(2)})" : "";

    private string Relative(string path) => Path.GetRelativePath(root, path);
}
