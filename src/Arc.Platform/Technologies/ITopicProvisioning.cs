using Arc.Platform.Registry;
using Arc.Platform.Technologies.Pulsar;

namespace Arc.Platform.Technologies;

/// <summary>
/// The capability behind `arc topics`: the tenants, namespaces and partitioned topics of
/// services/streaming/topics.yaml against a running service, found through this capability.
/// </summary>
public interface ITopicProvisioning
{
    /// <summary>What resources this manages, as the "nothing to manage" error names them.</summary>
    const string Resources = "Pulsar resources";

    Task<IReadOnlyList<PulsarResourceStatus>> ListTopicsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);

    Task<IReadOnlyList<PulsarOutcome>> ApplyTopicsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);
}
