namespace Arc.Platform.Registry;

/// <summary>
/// A service with an <c>ha:</c> section seen as its member processes: each a service of its own to the
/// lifecycle and the drivers (its own run record, log, data directory and ports), named
/// <c>&lt;codename&gt;-&lt;n&gt;</c> and, for the technology's watchers, <c>&lt;codename&gt;-&lt;group&gt;-&lt;n&gt;</c>.
/// Each keeps the service's name (its compose service), directory and declared resources.
/// </summary>
public static class HaTopology
{
    /// <summary>The name of a watcher's one port (its health and client port).</summary>
    public const string WatcherPort = "client";

    /// <summary>The data members, then the watchers; empty for a service without <c>ha:</c>.</summary>
    public static IReadOnlyList<ServiceDefinition> Members(ServiceDefinition service) =>
        service.Ha is { } spec ? [.. DataMembers(service, spec), .. Watchers(service, spec)] : [];

    public static IEnumerable<ServiceDefinition> DataMembers(ServiceDefinition service, HaSpec spec) =>
        Enumerable.Range(1, spec.Members).Select(index => service with
        {
            Codename = $"{service.Codename}-{index}",
            Ports = [.. spec.Ports.Select(p => new PortBinding(p.Key, p.Value[index - 1], ContainerPort(service, p.Key, p.Value[index - 1])))],
            // One exporter for the topology: the first member's (its port is the service's metrics port).
            Metrics = index == 1 ? service.Metrics : null,
            DependsOn = [],
            Member = new HaMember(service.Codename, index, HaMemberKind.Data, spec),
        });

    public static IEnumerable<ServiceDefinition> Watchers(ServiceDefinition service, HaSpec spec) =>
        spec.Watchers is not { } watchers ? [] : watchers.Ports.Select((port, i) => service with
        {
            Codename = $"{service.Codename}-{watchers.Group}-{i + 1}",
            Ports = [new PortBinding(WatcherPort, port, port)],
            Health = new HealthSpec(WatcherPort, null),
            Metrics = null,
            DependsOn = [],
            Member = new HaMember(service.Codename, i + 1, HaMemberKind.Watcher, spec),
        });

    /// <summary>The container side of a member's port: the service's, for ports it has (its compose file maps those).</summary>
    private static int ContainerPort(ServiceDefinition service, string name, int host) =>
        service.Ports.FirstOrDefault(p => p.Name == name)?.Container ?? host;

    /// <summary>Every member's client endpoint (what a multi-server client URL lists), in member order.</summary>
    public static IReadOnlyList<ServiceEndpoint> ClientEndpoints(ServiceDefinition service, string clientPort) =>
        service.Ha is { } spec ? [.. Enumerable.Range(1, spec.Members).Select(i => ServiceEndpoint.Loopback(spec.PortOf(clientPort, i)))] : [];

    /// <summary>Every watcher's endpoint; empty without watchers.</summary>
    public static IReadOnlyList<ServiceEndpoint> WatcherEndpoints(ServiceDefinition service) =>
        service.Ha?.Watchers is { } watchers ? [.. watchers.Ports.Select(ServiceEndpoint.Loopback)] : [];
}
