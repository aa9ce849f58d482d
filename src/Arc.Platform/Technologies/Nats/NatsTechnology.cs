using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>NATS with JetStream (Flash).</summary>
public sealed partial class NatsTechnology : ITechnology
{
    public string Tech => "nats";

    /// <summary>GET /healthz on the monitor port: 200 once the server (and JetStream) is ready.</summary>
    public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        HttpProbe.GetAsync($"http://127.0.0.1:{service.HealthPort.Host}{service.Health.Path ?? "/healthz"}", null, cancellationToken);

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
        NatsDeepProbe.RunAsync(ClientUrl(service), cancellationToken, MonitorUrl(service));

    public NativeLaunchPlan PlanNativeLaunch(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        NatsLaunch.Plan(service, compose, context);

    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) =>
        StreamProvisioner.ApplyFileAsync(ClientUrl(service), root, cancellationToken);

    public static string ClientUrl(ServiceDefinition service) => $"nats://127.0.0.1:{service.Port("client").Host}";

    public static string MonitorUrl(ServiceDefinition service) => $"http://127.0.0.1:{service.HealthPort.Host}";
}
