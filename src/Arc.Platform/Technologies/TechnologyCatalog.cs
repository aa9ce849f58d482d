using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies;

/// <summary>
/// Maps service.yaml's <c>tech:</c> value to the code that knows that technology. It owns its technologies:
/// disposing it closes what they hold open (Redis connections).
/// </summary>
public sealed class TechnologyCatalog : IAsyncDisposable
{
    private readonly Dictionary<string, ITechnology> _byTech;

    public TechnologyCatalog(IEnumerable<ITechnology> technologies)
    {
        _byTech = new Dictionary<string, ITechnology>(StringComparer.Ordinal);
        foreach (var technology in technologies)
            if (!_byTech.TryAdd(technology.Tech, technology))
                throw new ArgumentException($"technology '{technology.Tech}' registered twice", nameof(technologies));
    }

    /// <summary>NATS, Redis and Pulsar, fresh: one catalog per lifecycle, never a process-wide cache.</summary>
    public static TechnologyCatalog CreateDefault() => new([new NatsTechnology(), new RedisTechnology(), new PulsarTechnology()]);

    public IReadOnlyList<string> Names => [.. _byTech.Keys.Order(StringComparer.Ordinal)];

    public ITechnology? Find(string tech) => _byTech.GetValueOrDefault(tech);

    /// <summary>The technology of a service; an unknown <c>tech:</c> is a configuration error located in its service.yaml.</summary>
    public ITechnology For(ServiceDefinition service)
    {
        if (Find(service.Tech) is { } technology)
            return technology;
        var at = service.Where("tech");
        throw new ConfigException(at.File, at.Line, at.Column,
            $"unknown tech '{service.Tech}' for {service.Codename}; known: {string.Join(", ", Names)}");
    }

    /// <summary>
    /// The first service of the registry whose technology has capability <typeparamref name="TCapability"/>
    /// (streams, topics); none is a usage error naming the technologies that would have it.
    /// </summary>
    public (ServiceDefinition Service, TCapability Capability) FirstProviding<TCapability>(ServiceRegistry registry, string resources)
        where TCapability : class
    {
        foreach (var service in registry.Services)
            if (Find(service.Tech) is TCapability capability)
                return (service, capability);
        var providers = _byTech.Values.Where(t => t is TCapability).Select(t => t.Tech).Order(StringComparer.Ordinal);
        throw new UsageException($"no service with tech: {string.Join(" or ", providers)} in services/*/service.yaml, so there are no {resources} to manage");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var technology in _byTech.Values.OfType<IAsyncDisposable>())
            await technology.DisposeAsync();
    }
}
