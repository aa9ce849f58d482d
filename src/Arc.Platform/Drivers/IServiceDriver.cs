using Arc.Platform.Registry;

namespace Arc.Platform.Drivers;

/// <summary>
/// How a service is brought to life: as local processes ("native") or as compose containers
/// ("docker"). Both publish the same host ports on 127.0.0.1, so probes, provisioning and
/// benchmarks never need to know which driver ran a service.
/// </summary>
public interface IServiceDriver
{
    /// <summary>"native" or "docker": what the JSON's "driver" field says.</summary>
    string Name { get; }

    /// <summary>Starts the service unless it already runs. Returns quickly; readiness is the wait loop's job.</summary>
    Task<StartOutcome> StartAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>Stops gracefully; keeps data. Stopping a stopped service is not an error.</summary>
    Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>Stops and deletes the service's data.</summary>
    Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>What runs now: pid or container, ports, sidecars. Never throws for a stopped service.</summary>
    Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>The service's log lines, oldest first; with <paramref name="follow"/>, keeps going until cancelled.</summary>
    IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, CancellationToken cancellationToken);
}

public enum StartKind
{
    /// <summary>A new process or container was started.</summary>
    Started,
    /// <summary>It was already running; nothing was started.</summary>
    AlreadyRunning,
    /// <summary>Its runtime is not installed here; <see cref="StartOutcome.Detail"/> says what is missing and how to install it.</summary>
    Skipped,
}

public sealed record StartOutcome(StartKind Kind, string Detail)
{
    /// <summary>A skip's remedy in arc's own terms (the other driver), worded by the caller after <see cref="Detail"/>.</summary>
    public Remedy? Remedy { get; init; }
}

/// <summary>A sidecar such as a metrics exporter, and whether it runs.</summary>
public sealed record SidecarInfo(string Name, bool Running, string Detail);

public sealed record RuntimeInfo(bool Running, string Identity, IReadOnlyList<string> Ports, IReadOnlyList<SidecarInfo> Sidecars, string Detail)
{
    /// <summary>The runtime is not installed here (<see cref="Detail"/> says how to install it): status reports it skipped.</summary>
    public bool RuntimeMissing { get; init; }

    /// <summary>What to do in arc's own terms (the other driver, or a stop that works without a record), worded by the caller after <see cref="Detail"/>.</summary>
    public Remedy? Remedy { get; init; }

    /// <summary>
    /// Set while the service's process is down and its restart is pending (a supervisor's back-off):
    /// status says <c>restarting</c> and `up` keeps waiting, since the restart is on its way.
    /// </summary>
    public RestartState? Restarting { get; init; }

    /// <summary>When the process running now started, when the driver knows it (after a restart, the restarted one).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public static RuntimeInfo Stopped(string detail = "not running") => new(false, "", [], [], detail);
}
