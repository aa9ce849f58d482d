using Arc.Platform.Kubernetes;
using Arc.Platform.Technologies.Pulsar.Kubernetes;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>Pulsar's Kubernetes capability: the official charts of <see cref="PulsarCharts"/>.</summary>
public sealed partial class PulsarTechnology : IRunsOnKubernetes
{
    public IKubernetesCharts Charts { get; } = new PulsarCharts();
}
