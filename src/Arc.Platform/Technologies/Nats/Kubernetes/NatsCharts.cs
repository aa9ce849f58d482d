using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using YamlDotNet.RepresentationModel;
using static Arc.Platform.Kubernetes.YamlTree;

namespace Arc.Platform.Technologies.Nats.Kubernetes;

/// <summary>
/// NATS on Kubernetes: the nats-io <c>nats</c> chart (JetStream on, its budget from jetstream.conf,
/// a three-node cluster in the ha profile) and the <c>nack</c> chart whose controller keeps the
/// declared streams as NACK Stream objects.
/// </summary>
public sealed class NatsCharts : IKubernetesCharts
{
    private const string Repository = "https://nats-io.github.io/k8s/helm/charts/";
    public static readonly ChartSource Nats = new("nats", Repository, "nats", "2.14.2");
    public static readonly ChartSource Nack = new("nats", Repository, "nack", "0.34.0");

    public IReadOnlyList<ChartSource> Sources => [Nats, Nack];

    public string HaTopology => "three NATS nodes with R3 streams";

    public string? ManifestsSummary => "NACK Stream objects";

    /// <summary>The chart names its Services after the release unless told; arc makes it the service's own name.</summary>
    public string ClientServiceName(ServiceDefinition service) => service.Name;

    public IReadOnlyList<ChartRelease> Releases(ServiceDefinition service, KubernetesProfile profile)
    {
        var releases = new List<ChartRelease> { new(service.Name, service.Name, Nats, NatsValues(service, profile), []) };
        var streams = NackStreams.DeclaredBy(service);
        if (streams.Count > 0)
        {
            var file = ServiceFiles.Display(service, Path.GetFileName(StreamsFile.RelativePath));
            var objects = NackStreams.Objects(streams, profile, file);
            releases.Add(new ChartRelease($"{service.Name}-nack", service.Name, Nack, NackValues(service),
                [new Manifest("streams.yaml", Write([.. objects]))]));
        }
        return releases;
    }

    private static YamlMappingNode NatsValues(ServiceDefinition service, KubernetesProfile profile)
    {
        var limits = JetStreamLimits.Of(service);
        var values = new YamlMappingNode();
        Set(values, "fullnameOverride", Str(service.Name));
        Set(values, "config.nats.port", Number(service.Port("client").Container));
        Set(values, "config.monitor.port", Number(service.HealthPort.Container));
        Set(values, "config.cluster.enabled", Flag(profile == KubernetesProfile.Ha));
        if (profile == KubernetesProfile.Ha)
            Set(values, "config.cluster.replicas", Number(profile.DataReplicas()));
        Set(values, "config.jetstream.enabled", Flag(true));
        // Without fileStore.maxSize the chart writes the volume size as max_file_store: the budget is the volume.
        Set(values, "config.jetstream.fileStore.pvc.size", Str(KubernetesQuantity.Bytes(limits.MaxFileStore)));
        if (limits.MaxMemoryStore is { } memory)
        {
            Set(values, "config.jetstream.memoryStore.enabled", Flag(true));
            Set(values, "config.jetstream.memoryStore.maxSize", Str(KubernetesQuantity.Bytes(memory)));
        }
        Set(values, "promExporter.enabled", Flag(service.Metrics?.Exporter is not null));
        if (service.Metrics is { Exporter: not null } metrics)
            Set(values, "promExporter.port", Number(metrics.Port));
        return values;
    }

    /// <summary>The controller reaches NATS by the Service the nats release creates, in the same namespace.</summary>
    private static YamlMappingNode NackValues(ServiceDefinition service)
    {
        var values = new YamlMappingNode();
        Set(values, "jetstream.enabled", Flag(true));
        Set(values, "jetstream.nats.url", Str($"nats://{service.Name}:{service.Port("client").Container}"));
        return values;
    }
}
