namespace Arc.Platform.Registry;

/// <summary>
/// A service's highly available topology on one host (<c>ha:</c> in service.yaml, DESIGN.md §8): how many
/// members, and every member's host port under each port name — the service's own ports and those only a
/// cluster has (NATS routes). Resolved once from the data, so every consumer derives from one table.
/// </summary>
/// <param name="Members">How many data members run (3: a NATS cluster, or a Redis primary and two replicas).</param>
/// <param name="Ports">Port name → the host port of member 1, 2, ... (index 0 is member 1).</param>
/// <param name="Watchers">
/// The group of members the technology adds to watch the data members and elect their leader (Redis' Sentinels);
/// null when the data members elect their own (NATS).
/// </param>
public sealed record HaSpec(int Members, IReadOnlyDictionary<string, IReadOnlyList<int>> Ports, HaWatchers? Watchers)
{
    /// <summary>The host port of <paramref name="name"/> on member <paramref name="index"/> (1-based).</summary>
    public int PortOf(string name, int index) =>
        Ports.TryGetValue(name, out var ports) ? ports[index - 1] : throw new InvalidOperationException($"the ha topology has no port '{name}'");

    /// <summary>Every host port the topology uses, its watchers' included (for clash checks).</summary>
    public IEnumerable<int> AllPorts => Ports.Values.SelectMany(p => p).Concat(Watchers?.Ports ?? []);

    /// <summary>A host port two members (or two ports of one member) would both listen on, or null.</summary>
    public int? Clash() => AllPorts.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1)?.Key;
}

/// <summary>
/// Members a technology adds to a topology beside the data members (<see cref="IHaWatcherSection"/> reads them from
/// its own key of <c>ha:</c>): they watch the data members, so they start in a layer after them, and each listens on
/// one port (named <see cref="HaTopology.WatcherPort"/>).
/// </summary>
/// <param name="Group">The word in their codenames (<c>&lt;codename&gt;-&lt;group&gt;-&lt;n&gt;</c>), the technology's own.</param>
/// <param name="Ports">Watcher 1, 2, ...'s host port.</param>
/// <param name="Settings">What only the technology reads (quorum, names, timeouts).</param>
public sealed record HaWatchers(string Group, IReadOnlyList<int> Ports, IHaWatcherSettings Settings);

/// <summary>A technology's own settings of its <see cref="HaWatchers"/>; the core never looks inside.</summary>
public interface IHaWatcherSettings;

/// <summary>What a member of a highly available topology is.</summary>
public enum HaMemberKind
{
    /// <summary>A data node: a NATS cluster node, a Redis primary or replica.</summary>
    Data,
    /// <summary>One of the topology's <see cref="HaWatchers"/> (a Redis Sentinel).</summary>
    Watcher,
}

/// <summary>
/// One member process of a service's <see cref="HaSpec"/>: which service it belongs to (whose credentials,
/// compose service and declared resources it shares), its place, and the whole topology (its peers).
/// </summary>
public sealed record HaMember(string Parent, int Index, HaMemberKind Kind, HaSpec Spec);

/// <summary>
/// A technology's key of <c>ha:</c> declaring its <see cref="HaWatchers"/> (registered by the technology, read
/// while the registry loads).
/// </summary>
public interface IHaWatcherSection
{
    /// <summary>The key under <c>ha:</c> ("sentinel").</summary>
    string Key { get; }

    /// <summary>
    /// Reads the section; <paramref name="ports"/> turns a port entry (a base port or a list) and a member count
    /// into one port per watcher, as the data members' ports are derived.
    /// </summary>
    HaWatchers Read(Yaml.YamlMap section, Func<Yaml.YamlMap, YamlDotNet.RepresentationModel.YamlNode, int, string, IReadOnlyList<int>> ports);
}
