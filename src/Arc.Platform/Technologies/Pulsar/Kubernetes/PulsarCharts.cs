using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using YamlDotNet.RepresentationModel;
using static Arc.Platform.Kubernetes.YamlTree;

namespace Arc.Platform.Technologies.Pulsar.Kubernetes;

/// <summary>
/// Pulsar on Kubernetes: the apache <c>pulsar</c> chart, its cluster named as topics.yaml's tenants
/// allow, its bundled monitoring (victoria-metrics, every PodMonitor) off, and in the one-node
/// profile the chart's own values-one-node sizing; then a Job that applies topics.yaml.
/// </summary>
public sealed class PulsarCharts : IKubernetesCharts
{
    public static readonly ChartSource Pulsar = new("apachepulsar", "https://pulsar.apache.org/charts", "pulsar", "4.7.0");

    /// <summary>The chart's components that each carry a PodMonitor (values.yaml of 4.7.0), all switched off.</summary>
    public static readonly IReadOnlyList<string> PodMonitors =
    [
        "zookeeper", "oxia.coordinator", "oxia.server", "bookkeeper", "autorecovery", "standalone", "broker", "function_worker", "proxy",
    ];

    /// <summary>Clients and the admin API reach the brokers' Service, <c>&lt;fullname&gt;-broker</c>.</summary>
    public string ClientServiceName(ServiceDefinition service) => $"{service.Name}-broker";

    public IReadOnlyList<ChartRelease> Releases(ServiceDefinition service, KubernetesProfile profile)
    {
        var topicsName = Path.GetFileName(TopicsFile.RelativePath);
        var topicsPath = Path.Combine(service.Directory, topicsName);
        var topicsDisplay = ServiceFiles.Display(service, topicsName);
        var resources = File.Exists(topicsPath) ? TopicsFile.Load(topicsPath, topicsDisplay) : null;
        var values = Values(service, profile, resources is null ? null : ClusterName(resources, topicsDisplay));
        var adminUrl = $"http://{ClientServiceName(service)}:{service.Port("admin").Container}";
        IReadOnlyList<Manifest> manifests = resources is null ? [] : [new Manifest("topics-job.yaml", TopicsJob.Render(service, resources, adminUrl)) { DeleteFirst = $"job/{TopicsJob.Name(service)}" }];
        return [new ChartRelease(service.Name, service.Name, Pulsar, values, manifests)];
    }

    /// <summary>
    /// The one cluster every tenant of topics.yaml allows: the chart names the cluster it creates
    /// (clusterName), and a tenant allowing another one would be refused by the broker (412). Without
    /// tenants nothing depends on the name, and the chart keeps its own (null).
    /// </summary>
    public static string? ClusterName(PulsarResources resources, string file)
    {
        var clusters = resources.Tenants.SelectMany(t => t.AllowedClusters).Distinct(StringComparer.Ordinal).ToList();
        if (clusters.Count <= 1)
            return clusters.SingleOrDefault();
        throw new ConfigException(file, resources.Tenants[0].Line, 1,
            $"tenants allow {clusters.Count} clusters ({string.Join(", ", clusters)}); one Pulsar chart release is one cluster, so they must agree on one");
    }

    private static YamlMappingNode Values(ServiceDefinition service, KubernetesProfile profile, string? clusterName)
    {
        var values = new YamlMappingNode();
        Set(values, "fullnameOverride", Str(service.Name));
        if (clusterName is not null)
            Set(values, "clusterName", Str(clusterName));
        Set(values, "broker.ports.pulsar", Number(service.Port("broker").Container));
        Set(values, "broker.ports.http", Number(service.Port("admin").Container));
        Set(values, "victoria-metrics-k8s-stack.enabled", Flag(false));
        foreach (var component in PodMonitors)
            Set(values, $"{component}.podMonitor.enabled", Flag(false));
        if (profile == KubernetesProfile.OneNode)
            OneNode(values);
        return values;
    }

    /// <summary>The keys of the chart's examples/values-one-node.yaml (4.7.0), with its values: one of everything, quorums of one.</summary>
    private static void OneNode(YamlMappingNode values)
    {
        Set(values, "affinity.anti_affinity", Flag(false));
        Set(values, "components.autorecovery", Flag(false));
        Set(values, "oxia.initialShardCount", Number(3));
        Set(values, "oxia.replicationFactor", Number(1));
        Set(values, "oxia.server.replicas", Number(1));
        Set(values, "zookeeper.replicaCount", Number(1));
        Set(values, "bookkeeper.replicaCount", Number(1));
        Set(values, "broker.replicaCount", Number(1));
        Set(values, "broker.configData.managedLedgerDefaultEnsembleSize", Str("1"));
        Set(values, "broker.configData.managedLedgerDefaultWriteQuorum", Str("1"));
        Set(values, "broker.configData.managedLedgerDefaultAckQuorum", Str("1"));
        Set(values, "proxy.replicaCount", Number(1));
    }
}
