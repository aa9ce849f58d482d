using Arc.Platform.Technologies;

namespace Arc.Platform.Kubernetes;

/// <summary>`arc k8s`'s help, read from what each technology's charts say of themselves (no chart is named here).</summary>
public static class KubernetesHelp
{
    public static string Command(TechnologyCatalog technologies) =>
        $"Kubernetes through the official Helm charts ({string.Join(", ", Charts(technologies).SelectMany(c => c.Sources).Select(s => s.Name).Distinct())}); rendering needs no cluster";

    public static string Render(TechnologyCatalog technologies) =>
        $"Write chart values, {string.Join(", ", Charts(technologies).Select(c => c.ManifestsSummary).OfType<string>())} and install.sh for the official charts";

    public static string Profile(TechnologyCatalog technologies) =>
        $"one-node: one pod per server; ha: {string.Join(", ", Charts(technologies).Select(c => c.HaTopology))}";

    private static IEnumerable<IKubernetesCharts> Charts(TechnologyCatalog technologies) =>
        technologies.Names.Select(technologies.Find).OfType<IRunsOnKubernetes>().Select(r => r.Charts);
}
