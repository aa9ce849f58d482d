namespace Arc.Platform.Registry;

/// <summary>
/// A service's highly available topology on one host (<c>ha:</c> in service.yaml, DESIGN.md §8): how many
/// members, and every member's host port under each port name — the service's own ports and those only a
/// cluster has (NATS routes). Resolved once from the data, so every consumer derives from one table.
/// </summary>
/// <param name="Members">How many data members run (3: a NATS cluster, or a Redis primary and two replicas).</param>
/// <param name="Ports">Port name → the host port of member 1, 2, ... (index 0 is member 1).</param>
/// <param name="Sentinel">The Sentinels watching the members (Redis); null when the technology elects its own leader.</param>
public sealed record HaSpec(int Members, IReadOnlyDictionary<string, IReadOnlyList<int>> Ports, SentinelSpec? Sentinel)
{
    /// <summary>The host port of <paramref name="name"/> on member <paramref name="index"/> (1-based).</summary>
    public int PortOf(string name, int index) =>
        Ports.TryGetValue(name, out var ports) ? ports[index - 1] : throw new InvalidOperationException($"the ha topology has no port '{name}'");

    /// <summary>Every host port the topology uses, Sentinels included (for clash checks).</summary>
    public IEnumerable<int> AllPorts => Ports.Values.SelectMany(p => p).Concat(Sentinel?.Ports ?? []);

    /// <summary>A host port two members (or two ports of one member) would both listen on, or null.</summary>
    public int? Clash() => AllPorts.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1)?.Key;
}

/// <summary>
/// Redis Sentinel: its members' ports, the master name clients ask for, how many must agree that the
/// primary is down (quorum), and how long it must be silent first.
/// </summary>
public sealed record SentinelSpec(IReadOnlyList<int> Ports, int Quorum, string MasterName, TimeSpan DownAfter, TimeSpan FailoverTimeout);

/// <summary>What a member of a highly available topology is.</summary>
public enum HaMemberKind
{
    /// <summary>A data node: a NATS cluster node, a Redis primary or replica.</summary>
    Data,
    /// <summary>A Redis Sentinel.</summary>
    Sentinel,
}

/// <summary>
/// One member process of a service's <see cref="HaSpec"/>: which service it belongs to (whose credentials,
/// compose service and declared resources it shares), its place, and the whole topology (its peers).
/// </summary>
public sealed record HaMember(string Parent, int Index, HaMemberKind Kind, HaSpec Spec);
