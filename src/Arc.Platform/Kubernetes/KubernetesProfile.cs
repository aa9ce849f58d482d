namespace Arc.Platform.Kubernetes;

/// <summary>
/// What `arc k8s render` sizes the charts for: one pod per server (a laptop cluster, kind, k3d) or
/// the charts' replicated topologies (three NATS nodes with R3 streams, Valkey with replicas,
/// Pulsar at the chart's own defaults).
/// </summary>
public enum KubernetesProfile { OneNode, Ha }

public static class KubernetesProfiles
{
    /// <summary>The word the command line and the output directory use: "one-node", "ha".</summary>
    public static string Word(this KubernetesProfile profile) => profile == KubernetesProfile.Ha ? "ha" : "one-node";

    /// <summary>How many copies of each piece of data a replicated server keeps in this profile (JetStream R1 or R3).</summary>
    public static int DataReplicas(this KubernetesProfile profile) => profile == KubernetesProfile.Ha ? 3 : 1;
}
