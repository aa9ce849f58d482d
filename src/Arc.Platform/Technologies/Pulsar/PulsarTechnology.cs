using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>Apache Pulsar standalone (Strange), spoken to through its admin REST API.</summary>
public sealed partial class PulsarTechnology : ITechnology, INativeLaunchFacts, IDeclaredResources
{
    public const string TechName = "pulsar";

    public string Tech => TechName;

    public ClientConnection Connection { get; } = new("broker", "pulsar", "PULSAR_SERVICE_URL") { AdminPort = "admin", GenericAdminUrl = "PULSAR_ADMIN_URL" };

    /// <summary>GET /admin/v2/brokers/health on the admin port: healthy on the body "ok".</summary>
    public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        ProbeAsync(service, cancellationToken, HttpProbe.DefaultTimeout);

    private static Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken, TimeSpan timeout) =>
        HttpProbe.GetAsync($"{AdminUrl(service)}{service.Health.Path ?? "/admin/v2/brokers/health"}",
            body => body.Trim() == "ok", cancellationToken, timeout);

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        PulsarAdminRoundTrip.RunAsync(AdminUrl(service), cancellationToken);

    public LaunchFacts LaunchFactsOf(ServiceDefinition service, ComposeService compose) => PulsarLaunch.Facts(service);

    /// <summary>Tenants, namespaces and partitioned topics of the service's own topics.yaml, through the admin REST API.</summary>
    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) =>
        TopicsOperations.ApplyFileAsync(AdminUrl(service), DeclaredFile.Of(service, TopicsOperations.FileName), cancellationToken);

    /// <summary>The tenants, namespaces and partitioned topics a Pulsar service declares in its own topics.yaml (`arc topics`).</summary>
    public DeclaredKind Kind => TopicsOperations.Kind;

    public Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
        TopicsOperations.ListAsync(AdminUrl(service), file, cancellationToken);

    public Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
        TopicsOperations.ApplyAsync(AdminUrl(service), file, cancellationToken);

    public static string AdminUrl(ServiceDefinition service) => service.HealthEndpoint.Url("http");
}
