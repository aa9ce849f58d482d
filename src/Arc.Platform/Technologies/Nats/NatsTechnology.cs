using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>NATS with JetStream (Flash).</summary>
public sealed partial class NatsTechnology : ITechnology, INativeLaunchFacts, IDeclaredResources, IClusterRoles
{
    public const string TechName = "nats";

    public string Tech => TechName;

    /// <summary>The service.yaml port name clients connect to.</summary>
    public const string ClientPortName = "client";

    public ClientConnection Connection => Facts;

    private static readonly ClientConnection Facts = new(ClientPortName, "nats", "NATS_URL") { Users = ["arc"] };

    /// <summary>GET /healthz on the monitor port: 200 once the server (and JetStream) is ready.</summary>
    public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        HttpProbe.GetAsync(service.HealthEndpoint.Url("http", service.Health.Path ?? "/healthz"), null, cancellationToken);

    /// <summary>A round trip; for a cluster member also the cluster's own health (<see cref="ClusterHealth"/>).</summary>
    public async Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var roundTrip = await NatsDeepProbe.RunAsync(ClientUrl(service), cancellationToken, MonitorUrl(service));
        if (service.Member is not { Kind: HaMemberKind.Data } member)
            return roundTrip;
        var file = DeclaredFile.Of(service, StreamsOperations.FileName);
        var declared = file.Exists ? StreamsFile.Load(file.Path, file.DisplayPath).Select(s => s.Name).ToList() : [];
        var problems = await ClusterHealth.CheckAsync(service, member, declared, cancellationToken);
        return problems.Count == 0 ? roundTrip with { Detail = $"{roundTrip.Detail}; cluster whole" }
            : roundTrip with { Healthy = false, Detail = $"{string.Join("; ", problems)} ({roundTrip.Detail})" };
    }

    public Task<MemberRole?> RoleAsync(ServiceDefinition member, CancellationToken cancellationToken) => ClusterHealth.RoleAsync(member, cancellationToken);

    public LaunchFacts LaunchFactsOf(ServiceDefinition service, ComposeService compose) => NatsLaunch.Facts(service, compose);

    /// <summary>A cluster member provisions for its cluster (<see cref="ClusterProvisioning"/>); a single server for itself.</summary>
    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) =>
        service.Member is { } member
            ? ClusterProvisioning.ProvisionAsync(service, member, ClusterUrl(service), cancellationToken)
            : StreamsOperations.ProvisionAsync(service, DeclaredFile.Of(service, StreamsOperations.FileName), cancellationToken);

    /// <summary>The JetStream streams a NATS service declares in its own streams.yaml (`arc streams`).</summary>
    public DeclaredKind Kind => StreamsOperations.Kind;

    public Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
        StreamsOperations.ListAsync(service, file, cancellationToken);

    public Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
        StreamsOperations.ApplyAsync(service, file, cancellationToken);

    /// <summary>The client URL with arc's credentials in it (when the service has them): for arc's own clients, never for a message.</summary>
    public static string ClientUrl(ServiceDefinition service) =>
        Secrets.SecretUrl.With(service.Endpoint(ClientPortName).Url("nats"), Secrets.ServiceCredentials.Of(service, Facts)?.Client);

    /// <summary>Every member's client URL when the service has a topology (arc's credentials in the first), else <see cref="ClientUrl"/>.</summary>
    public static string ClusterUrl(ServiceDefinition service) =>
        ClusterStreams.ClusterUrl(service, Secrets.ServiceCredentials.Of(service, Facts)?.Client);

    public static string MonitorUrl(ServiceDefinition service) => service.HealthEndpoint.Url("http");
}
