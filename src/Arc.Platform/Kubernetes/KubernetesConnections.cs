using Arc.Platform.Connections;
using Arc.Platform.Consumers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Kubernetes;

/// <summary>
/// `arc env --network kubernetes`: the addresses inside the cluster of the Services the rendered
/// charts create (<c>arc-messaging.NS.svc.cluster.local:4222</c>, Pulsar's <c>arc-streaming-broker</c>),
/// under the same names as the other views. Nothing is inspected: no cluster is needed to print them.
/// </summary>
public static class KubernetesConnections
{
    public const string NotRendered = "not rendered";

    /// <summary>Inside a Kubernetes cluster: the Service the chart creates, and the container ports.</summary>
    public static NetworkView View { get; } = new("kubernetes", "pods in the cluster", "the charts' Services in --namespace",
        "kubernetes view (in-cluster Services of the charts `arc k8s render` writes values for)", OnHost: false);

    public static EnvSettings For(ServiceRegistry registry, TargetSelection selection, TechnologyCatalog technologies, string ns)
    {
        var present = new List<ServiceDefinition>();
        var omitted = new List<EnvOmission>();
        foreach (var service in selection.Services)
        {
            if (technologies.For(service) is IRunsOnKubernetes runs)
                // The views other than host reach a service by its name and container ports; in the cluster
                // that name is the chart's Service, and the values keep the container ports.
                present.Add(service with { Name = KubernetesNamespace.ServiceHost(runs.Charts.ClientServiceName(service), ns) });
            else
                omitted.Add(new EnvOmission(service.Codename, NotRendered, $"tech '{service.Tech}' has no Kubernetes chart in arc (`arc k8s render` leaves it out)"));
        }
        var variables = ConnectionSettings.Variables(present, s => technologies.For(s).Connection, ConsumersFile.LoadUnder(registry.Root, technologies.ConsumerSections), View);
        return new EnvSettings(View, variables, omitted);
    }
}
