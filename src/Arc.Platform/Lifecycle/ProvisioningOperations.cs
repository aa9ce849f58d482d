using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// `arc streams` and `arc topics` on demand: the declared resources of the first service whose
/// technology has the capability (<see cref="IStreamProvisioning"/>, <see cref="ITopicProvisioning"/>).
/// </summary>
public static class ProvisioningOperations
{
    public static Task<IReadOnlyList<StreamStatus>> ListStreamsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken)
    {
        var (service, streams) = technologies.FirstProviding<IStreamProvisioning>(registry, IStreamProvisioning.Resources);
        return streams.ListStreamsAsync(service, registry.Root, cancellationToken);
    }

    public static Task<IReadOnlyList<StreamOutcome>> ApplyStreamsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken)
    {
        var (service, streams) = technologies.FirstProviding<IStreamProvisioning>(registry, IStreamProvisioning.Resources);
        return streams.ApplyStreamsAsync(service, registry.Root, cancellationToken);
    }

    public static Task<IReadOnlyList<PulsarResourceStatus>> ListTopicsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken)
    {
        var (service, topics) = technologies.FirstProviding<ITopicProvisioning>(registry, ITopicProvisioning.Resources);
        return topics.ListTopicsAsync(service, registry.Root, cancellationToken);
    }

    public static Task<IReadOnlyList<PulsarOutcome>> ApplyTopicsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken)
    {
        var (service, topics) = technologies.FirstProviding<ITopicProvisioning>(registry, ITopicProvisioning.Resources);
        return topics.ApplyTopicsAsync(service, registry.Root, cancellationToken);
    }
}
