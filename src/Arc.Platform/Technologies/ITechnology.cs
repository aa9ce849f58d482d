using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// Everything only one technology knows (NATS, Redis, Pulsar): how to probe it, how to run
/// it as a local process, and what to provision once it is healthy. A fourth service of a
/// known technology is then data only (its own services/&lt;dir&gt;/, declared resources included);
/// a new technology is one new folder implementing this, plus its line in
/// <see cref="TechnologyCatalog.CreateDefault"/>. What it may add reaches the core through capabilities
/// it implements, never its name: <see cref="IDeclaredResources"/> (`arc streams`-like commands),
/// <see cref="Bench.IBenchmarkable"/>, <see cref="Verify.IVerifiable"/> (its verify rules),
/// <see cref="Verify.INameRules"/> and <see cref="Verify.IPasswordTools"/> (what core rules ask of it),
/// <see cref="Consumers.IConsumerSections"/> (its keys of services/consumers.yaml),
/// <see cref="IServerAuthorization"/> (who may connect), <see cref="Kubernetes.IRunsOnKubernetes"/> and
/// <see cref="IOwnExecutables"/>, <see cref="IClusterRoles"/> and <see cref="IWatchedTopology"/> (its members watching an
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

    /// <summary>
    /// The local command line equivalent to the compose service, derived from its <c>command:</c>
    /// and <c>environment:</c> — never a second copy of the flags.
    /// </summary>
    NativeLaunchPlan PlanNativeLaunch(ServiceDefinition service, ComposeService compose, NativeLaunchContext context);

    /// <summary>Post-start provisioning (JetStream streams for NATS); an empty report when there is none.</summary>
    Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);
}

/// <summary>Where a native process keeps its state.</summary>
public sealed record NativeLaunchContext(string DataDirectory, string LogFile)
{
    /// <summary>Who may connect (written into the server's own configuration files); null runs it open.</summary>
    public Secrets.ServiceCredentials? Credentials { get; init; }

    /// <summary>
    /// Finds a server's executable by name; null looks on this host. A driver that runs the plan inside the
    /// server's own image (the docker driver's topology members, whose image's entrypoint runs the server) needs none here.
    /// </summary>
    public Func<string, string?>? Locate { get; init; }
}

/// <summary>
/// A process to start, or why it cannot be (<see cref="MissingRuntimeRemedy"/> set: the service is skipped).
/// </summary>
public sealed record NativeLaunchPlan(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? MissingRuntimeRemedy,
    IReadOnlyList<NativeLaunchPlan> Sidecars)
{
    public static NativeLaunchPlan Missing(string remedy) => new("", [], new Dictionary<string, string>(), remedy, []);

    /// <summary>
    /// Generated files (absolute path → content) the driver writes before starting the process,
    /// such as Pulsar's configuration with host ports; empty for servers configured by flags alone.
    /// </summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Those of <see cref="Files"/> the server rewrites itself (Redis's CONFIG REWRITE, Sentinel's state): handed to
    /// the server user once written.
    /// </summary>
    public IReadOnlyList<string> ServerWritable { get; init; } = [];

    /// <summary>
    /// Seconds the supervisor waits before restarting the process the first time (1 by default). A Redis
    /// primary must stay down until its Sentinels failed over: restarted sooner, it comes back as primary with
    /// what its AOF kept, and its replicas resync from it, dropping writes they had confirmed (WAIT).
    /// </summary>
    public int FirstRestartDelaySeconds { get; init; } = 1;

}
