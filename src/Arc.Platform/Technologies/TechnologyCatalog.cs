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
    public static TechnologyCatalog CreateDefault() => new(Registered());

    /// <summary>The registration: a new technology is one more entry here (and its folder).</summary>
    private static ITechnology[] Registered() => [new NatsTechnology(), new RedisTechnology(), new PulsarTechnology()];

    /// <summary>
    /// The client URL schemes of the registered technologies ("nats", "redis", "pulsar"), which a service.yaml
    /// <c>health:</c> line may use besides http(s):// and tcp:// (read before any catalog exists).
    /// </summary>
    public static IReadOnlyList<string> ClientSchemes { get; } = [.. Registered().Select(t => t.Connection.Scheme).Distinct()];

    /// <summary>
    /// The keys of <c>ha:</c> that technologies registered for their watchers, by <c>tech:</c> (read while the registry
    /// loads, before any catalog exists).
    /// </summary>
    public static IReadOnlyDictionary<string, IHaWatcherSection> WatcherSections { get; } =
        Registered().OfType<IWatchedTopology>().ToDictionary(t => ((ITechnology)t).Tech, t => t.WatcherSection, StringComparer.Ordinal);

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

    /// <summary>The sections of a consumer's entry in services/consumers.yaml that the technologies here read.</summary>
    public IReadOnlyList<Consumers.ConsumerSection> ConsumerSections =>
        [.. Names.Select(Find).OfType<Consumers.IConsumerSections>().SelectMany(t => t.ConsumerSections)];

    /// <summary>Every kind of declared resource some technology here manages, by verb order ("streams", "topics").</summary>
    public IReadOnlyList<DeclaredKind> DeclaredKinds =>
        [.. _byTech.Values.OfType<IDeclaredResources>().Select(d => d.Kind).DistinctBy(k => k.Verb).OrderBy(k => k.Verb, StringComparer.Ordinal)];

    /// <summary>
    /// The services of the registry whose technology declares resources managed by <paramref name="verb"/>, in
    /// registry order; none is a usage error naming the technologies that would have them.
    /// </summary>
    public IReadOnlyList<(ServiceDefinition Service, IDeclaredResources Kind)> Declaring(ServiceRegistry registry, string verb)
    {
        var found = registry.Services
            .Select(s => (Service: s, Kind: Find(s.Tech) as IDeclaredResources))
            .Where(p => p.Kind?.Kind.Verb == verb)
            .Select(p => (p.Service, p.Kind!))
            .ToList();
        if (found.Count > 0)
            return found;
        var providers = _byTech.Where(t => t.Value is IDeclaredResources d && d.Kind.Verb == verb).ToList();
        var resources = providers.Select(p => ((IDeclaredResources)p.Value).Kind.Resources).FirstOrDefault() ?? verb;
        throw new UsageException($"no service with tech: {string.Join(" or ", providers.Select(p => p.Key).Order(StringComparer.Ordinal))} in services/*/service.yaml, so there are no {resources} to manage");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var technology in _byTech.Values.OfType<IAsyncDisposable>())
            await technology.DisposeAsync();
    }
}
