using Arc.Platform.Kubernetes;
using Arc.Platform.Technologies.Nats.Kubernetes;

namespace Arc.Platform.Technologies.Nats;

/// <summary>Nats's Kubernetes capability: the official charts of <see cref="NatsCharts"/>.</summary>
public sealed partial class NatsTechnology : IRunsOnKubernetes
{
    public IKubernetesCharts Charts { get; } = new NatsCharts();
}
