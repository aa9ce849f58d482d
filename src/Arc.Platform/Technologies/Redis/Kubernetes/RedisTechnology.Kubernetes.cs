using Arc.Platform.Kubernetes;
using Arc.Platform.Technologies.Redis.Kubernetes;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Redis's Kubernetes capability: the official charts of <see cref="ValkeyCharts"/>.</summary>
public sealed partial class RedisTechnology : IRunsOnKubernetes
{
    public IKubernetesCharts Charts { get; } = new ValkeyCharts();
}
