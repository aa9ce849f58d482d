namespace Arc.Platform.Registry;

/// <summary>One published port: <see cref="Host"/> on 127.0.0.1, <see cref="Container"/> inside the container.</summary>
public sealed record PortBinding(string Name, int Host, int Container)
{
    /// <summary>Where this port is reached on this machine.</summary>
    public ServiceEndpoint Endpoint => ServiceEndpoint.Loopback(Host);
}

/// <summary>Which port answers the readiness probe, and where (an HTTP path, when the probe is HTTP).</summary>
public sealed record HealthSpec(string Port, string? Path)
{
    /// <summary>The <c>health:</c> line of service.yaml as written (a URL or a command the platform's own tools run).</summary>
    public string? Line { get; init; }
}

/// <summary>Prometheus endpoint as the collector sees it on arc_platform_net, and the native exporter binary that serves it.</summary>
public sealed record MetricsSpec(string Service, int Port, string Path, string? Exporter, int Line);

/// <summary>A service as declared by services/&lt;role&gt;/service.yaml.</summary>
public sealed record ServiceDefinition(
    string Name,
    string Codename,
    string Role,
    string Tech,
    string Description,
    string Image,
    string Upstream,
    IReadOnlyList<PortBinding> Ports,
    HealthSpec Health,
    MetricsSpec? Metrics,
    IReadOnlyList<string> DependsOn,
    string Directory,
    string File,
    IReadOnlyDictionary<string, SourceLocation> Locations)
{
    /// <summary>How long the platform's tools wait for this service to turn healthy (<c>timeout:</c>, seconds), when set.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Where arc keeps this repository's generated credentials (<c>&lt;root&gt;/.arc/secrets</c>); null for a
    /// definition read outside a registry, which then connects without credentials.
    /// </summary>
    public string? SecretsDirectory { get; init; }

    /// <summary>The highly available topology `arc up --ha` runs (<c>ha:</c>); null when the service has none.</summary>
    public HaSpec? Ha { get; init; }

    /// <summary>Set on a member process of an <see cref="Ha"/> topology (see <see cref="HaTopology"/>); null for the service itself.</summary>
    public HaMember? Member { get; init; }

    /// <summary>Whose generated credentials this process uses: a member shares its service's (one password for the cluster).</summary>
    public string SecretsName => Member?.Parent ?? Codename;

    /// <summary>Free-form remarks (<c>notes:</c>), shown but never interpreted.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether a TARGET names this service: by codename, service name or role.</summary>
    public bool IsNamedBy(string target) => Codename == target || Name == target || Role == target;

    /// <summary>Where a key ("codename", "ports.client", ...) was written, for located cross-file errors.</summary>
    public SourceLocation Where(string key) => Locations.TryGetValue(key, out var at) ? at : new SourceLocation(File, 1, 1);

    public PortBinding Port(string name) =>
        Ports.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"{Codename} declares no port '{name}'");

    public PortBinding HealthPort => Port(Health.Port);

    /// <summary>Where the named port (<c>ports.client</c>, <c>ports.admin</c>, ...) is reached on this machine.</summary>
    public ServiceEndpoint Endpoint(string portName) => Port(portName).Endpoint;

    /// <summary>Where the readiness probe connects.</summary>
    public ServiceEndpoint HealthEndpoint => HealthPort.Endpoint;

    public string ComposeFile => System.IO.Path.Combine(Directory, "docker-compose.yml");
}

public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
