namespace Arc.Platform.Technologies.Pulsar;

/// <summary>A tenant of services/streaming/topics.yaml; <see cref="AllowedClusters"/> is Pulsar's allowedClusters.</summary>
public sealed record PulsarTenant(string Name, IReadOnlyList<string> AllowedClusters, int Line);

/// <summary>A namespace, <c>tenant/name</c>.</summary>
public sealed record PulsarNamespace(string Tenant, string Name, int Line)
{
    public string Path => $"{Tenant}/{Name}";
}

/// <summary>A partitioned topic <c>persistent://tenant/namespace/name</c> and its partition count.</summary>
public sealed record PulsarPartitionedTopic(string Tenant, string Namespace, string Name, int Partitions, int Line)
{
    public string Topic => $"persistent://{Tenant}/{Namespace}/{Name}";

    public string NamespacePath => $"{Tenant}/{Namespace}";
}

/// <summary>Everything topics.yaml declares, in the order it must be created (tenants, namespaces, topics).</summary>
public sealed record PulsarResources(
    IReadOnlyList<PulsarTenant> Tenants,
    IReadOnlyList<PulsarNamespace> Namespaces,
    IReadOnlyList<PulsarPartitionedTopic> PartitionedTopics);
