using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using YamlDotNet.RepresentationModel;
using static Arc.Platform.Kubernetes.YamlTree;

namespace Arc.Platform.Technologies.Redis.Kubernetes;

/// <summary>
/// Sonic on Kubernetes: the valkey-io <c>valkey</c> chart (Valkey reads redis-server's
/// configuration directives), configured from the compose command's flags, with a volume for the
/// AOF, and in the ha profile a primary with two replicas. That chart has no automatic failover.
/// </summary>
public sealed class ValkeyCharts : IKubernetesCharts
{
    public static readonly ChartSource Valkey = new("valkey", "https://valkey.io/valkey-helm/", "valkey", "0.11.0");

    /// <summary>Replicas next to the primary in the ha profile: the same three data nodes as `arc up --ha`.</summary>
    public const int HaReplicas = 2;

    public const string NoFailover =
        "the valkey chart 0.11 has no automatic failover: when the primary's pod fails, writes stop until Kubernetes restarts it (replicas keep serving reads)";

    public IReadOnlyList<ChartSource> Sources => [Valkey];

    public string HaTopology => $"Valkey primary + {HaReplicas} replicas";

    public string? ManifestsSummary => null;

    public string ClientServiceName(ServiceDefinition service) => service.Name;

    public IReadOnlyList<ChartRelease> Releases(ServiceDefinition service, KubernetesProfile profile)
    {
        var config = ValkeyConfig.Of(service);
        var values = new YamlMappingNode();
        Set(values, "fullnameOverride", Str(service.Name));
        Set(values, "service.port", Number(service.Port("client").Container));
        Set(values, "valkeyConfig", Block(config.Text));
        var volume = Str(KubernetesQuantity.Bytes(config.VolumeBytes));
        if (profile == KubernetesProfile.Ha)
        {
            Set(values, "replica.enabled", Flag(true));
            Set(values, "replica.replicas", Number(HaReplicas));
            Set(values, "replica.persistence.size", volume);
        }
        else
        {
            Set(values, "dataStorage.enabled", Flag(true));
            Set(values, "dataStorage.requestedSize", volume);
        }
        Set(values, "metrics.enabled", Flag(service.Metrics?.Exporter is not null));
        if (service.Metrics is { Exporter: not null } metrics)
            Set(values, "metrics.exporter.port", Number(metrics.Port));
        var release = new ChartRelease(service.Name, service.Name, Valkey, values, []);
        return [profile == KubernetesProfile.Ha ? release with { Notes = [NoFailover] } : release];
    }
}
