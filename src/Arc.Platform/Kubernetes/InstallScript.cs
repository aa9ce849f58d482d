using System.Text;

namespace Arc.Platform.Kubernetes;

/// <summary>
/// install.sh of a render: the `helm repo add` and `helm upgrade --install` commands with pinned
/// chart versions, each release's manifests applied right after it, in the registry's order.
/// </summary>
public static class InstallScript
{
    public static string Render(IReadOnlyList<ChartRelease> releases, KubernetesProfile profile)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append($"# arc-platform on Kubernetes through the official charts (profile {profile.Word()}), written by `arc k8s render`.\n");
        script.Append("# Needs helm and kubectl pointed at the cluster. NAMESPACE (default ").Append(KubernetesNamespace.Default)
            .Append(") is where everything goes;\n# `arc env --network kubernetes --namespace NS` prints the addresses clients use there.\n");
        foreach (var note in releases.SelectMany(r => r.Notes.Select(n => $"{r.Release}: {n}")))
            script.Append("# NOTE ").Append(note).Append('\n');
        script.Append("set -eu\ncd \"$(dirname \"$0\")\"\n");
        script.Append($"NAMESPACE=\"${{NAMESPACE:-{KubernetesNamespace.Default}}}\"\n\n");
        foreach (var chart in releases.Select(r => r.Chart).DistinctBy(c => c.Repository))
            script.Append($"helm repo add {chart.Repository} {chart.RepositoryUrl} --force-update\n");
        script.Append("helm repo update\n");
        foreach (var release in releases)
        {
            script.Append($"\nhelm upgrade --install {release.Release} {release.Chart.Reference} --version {release.Chart.Version} ")
                .Append($"--namespace \"$NAMESPACE\" --create-namespace -f {release.Release}/{KubernetesRender.ValuesFile} --wait --timeout 15m\n");
            foreach (var manifest in release.Manifests)
            {
                if (manifest.DeleteFirst is { } target)
                    script.Append($"kubectl delete --namespace \"$NAMESPACE\" --ignore-not-found {target}\n");
                script.Append($"kubectl apply --namespace \"$NAMESPACE\" -f {release.Release}/{manifest.FileName}\n");
            }
        }
        return script.ToString();
    }
}
