using Arc.Platform.Registry;

namespace Arc.Platform.Kubernetes;

/// <summary>
/// A technology that Kubernetes runs through official Helm charts: which charts, with which
/// values, derived from the service's own files (service.yaml, compose command, declared
/// resources), and the in-cluster Service its clients connect to.
/// </summary>
public interface IKubernetesCharts
{
    /// <summary>The releases for <paramref name="service"/>, in install order.</summary>
    IReadOnlyList<ChartRelease> Releases(ServiceDefinition service, KubernetesProfile profile);

    /// <summary>The charts it installs, in install order (`arc k8s --help` lists their names).</summary>
    IReadOnlyList<ChartSource> Sources { get; }

    /// <summary>What the ha profile runs, for `--profile`'s help ("three NATS nodes with R3 streams").</summary>
    string HaTopology { get; }

    /// <summary>The manifests it adds beside the charts' values, for `render`'s help ("NACK Stream objects"); null: none.</summary>
    string? ManifestsSummary { get; }

    /// <summary>The name of the Kubernetes Service the charts create for clients (ports as service.yaml's container ports).</summary>
    string ClientServiceName(ServiceDefinition service);
}

/// <summary>A technology's capability to run on Kubernetes: the charts that know how (its Kubernetes folder).</summary>
public interface IRunsOnKubernetes
{
    IKubernetesCharts Charts { get; }
}
