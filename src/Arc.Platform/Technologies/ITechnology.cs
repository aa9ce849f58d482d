using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// Everything only one technology knows (NATS, Redis, Pulsar): how to probe it, the facts of its
/// server process (<see cref="INativeLaunchFacts"/>), and what to provision once it is healthy. A fourth service of a
/// known technology is then data only (its own services/&lt;dir&gt;/, declared resources included);
/// a new technology is one new folder implementing this, plus its line in
/// <see cref="TechnologyCatalog.CreateDefault"/>. What it may add reaches the core through capabilities
/// it implements, never its name: <see cref="IDeclaredResources"/> (`arc streams`-like commands),
/// <see cref="Bench.IBenchmarkable"/>, <see cref="Verify.IVerifiable"/> (its verify rules),
/// <see cref="Verify.INameRules"/> and <see cref="Verify.IPasswordTools"/> (what core rules ask of it),
/// <see cref="Consumers.IConsumerSections"/> (its keys of services/consumers.yaml),
/// <see cref="IServerAuthorization"/> (who may connect), <see cref="Kubernetes.IRunsOnKubernetes"/> and
/// <see cref="IOwnExecutables"/>, <see cref="INativeLaunchFacts"/> (driver-neutral facts of its server process, which the native
/// driver's planner turns into a command line), <see cref="IClusterRoles"/> and <see cref="IWatchedTopology"/> (its members watching an
/// `ha:` topology: its own key of `ha:`, and how clients find the leader through them). Outside Technologies/ no code
/// names a technology (an architecture test holds it).
/// </summary>
public interface ITechnology
{
    /// <summary>The <c>tech:</c> value of service.yaml this handles ("nats", "redis", "pulsar").</summary>
    string Tech { get; }

    /// <summary>How clients reach it: port, scheme and the variable names `arc env` prints.</summary>
    ClientConnection Connection { get; }

    /// <summary>One cheap readiness probe against the service's health port on 127.0.0.1.</summary>
    Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>Real round trips (request/reply, write/read) proving the service does its job.</summary>
    Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken);

    /// <summary>Post-start provisioning (JetStream streams for NATS); an empty report when there is none.</summary>
    Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);
}
