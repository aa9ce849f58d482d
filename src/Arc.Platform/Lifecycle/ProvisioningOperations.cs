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
    public static Task<IReadOnlyList<StreamStatus>> ListStreamsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken) =>
        With<IStreamProvisioning, IReadOnlyList<StreamStatus>>(registry, technologies, IStreamProvisioning.Resources,
            (streams, service) => streams.ListStreamsAsync(service, registry.Root, cancellationToken));

    public static Task<IReadOnlyList<StreamOutcome>> ApplyStreamsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken) =>
        With<IStreamProvisioning, IReadOnlyList<StreamOutcome>>(registry, technologies, IStreamProvisioning.Resources,
            (streams, service) => streams.ApplyStreamsAsync(service, registry.Root, cancellationToken));

    public static Task<IReadOnlyList<PulsarResourceStatus>> ListTopicsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken) =>
        With<ITopicProvisioning, IReadOnlyList<PulsarResourceStatus>>(registry, technologies, ITopicProvisioning.Resources,
            (topics, service) => topics.ListTopicsAsync(service, registry.Root, cancellationToken));

    public static Task<IReadOnlyList<PulsarOutcome>> ApplyTopicsAsync(ServiceRegistry registry, TechnologyCatalog technologies, CancellationToken cancellationToken) =>
        With<ITopicProvisioning, IReadOnlyList<PulsarOutcome>>(registry, technologies, ITopicProvisioning.Resources,
            (topics, service) => topics.ApplyTopicsAsync(service, registry.Root, cancellationToken));

    private static Task<T> With<TCapability, T>(ServiceRegistry registry, TechnologyCatalog technologies, string resources, Func<TCapability, ServiceDefinition, Task<T>> act)
        where TCapability : class
    {
        var (service, capability) = technologies.FirstProviding<TCapability>(registry, resources);
        return act(capability, service);
    }
}
