using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Registry;

/// <summary>
/// Parses <c>ha:</c>. Member n's port is the service's port (or an <c>ha.ports</c> base) plus (n-1) ×
/// <c>port_step</c>, or, where a port is given as a list, the list's n-th entry (tests use free ports). A key the
/// technology registers (<see cref="IHaWatcherSection"/>) is its own, read by it.
/// </summary>
internal static class HaSpecReader
{
    private const int MaxMembers = 9;

    public static HaSpec? Read(YamlMap service, string tech, IReadOnlyList<PortBinding> servicePorts)
    {
        if (service.OptionalMap("ha", "'ha'") is not { } ha)
            return null;
        var members = ha.RequireInt("members", 2, MaxMembers);
        var step = ha.Has("port_step") ? ha.RequireInt("port_step", 1, 1000) : 1;
        var ports = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var port in servicePorts)
            ports[port.Name] = Stepped(ha, port.Host, members, step, $"ports.{port.Name}");
        if (ha.OptionalMap("ports", "'ha.ports'") is { } own)
        {
            foreach (var (name, _, value) in own.Entries())
                ports[name] = MemberPorts(own, value, members, step, $"ha.ports.{name}");
            own.RejectUnknownKeys();
        }
        var watchers = ReadWatchers(ha, tech, step);
        ha.RejectUnknownKeys();
        // Port clashes are `up --ha`'s to refuse (HaSpec.Clash): a registry whose single-server ports a test moved
        // may step into each other without anyone running the topology.
        return new HaSpec(members, ports, watchers);
    }

    /// <summary>The technology's own key of <c>ha:</c> declaring its watchers, when it registers one and the key is there.</summary>
    private static HaWatchers? ReadWatchers(YamlMap ha, string tech, int step)
    {
        if (Technologies.TechnologyCatalog.WatcherSections.GetValueOrDefault(tech) is not { } section
            || ha.OptionalMap(section.Key, $"'ha.{section.Key}'") is not { } map)
            return null;
        return section.Read(map, (owner, value, count, what) => MemberPorts(owner, value, count, step, what));
    }

    /// <summary>A base port stepped per member, or an explicit list with one port per member.</summary>
    private static List<int> MemberPorts(YamlMap map, YamlNode value, int members, int step, string what)
    {
        if (value is not YamlSequenceNode list)
            return Stepped(map, map.AsInt(value, what, 1, 65535), members, step, what, value);
        if (list.Children.Count != members)
            throw map.Error(value, $"'{what}' lists {list.Children.Count} ports for {members} members");
        return [.. list.Children.Select(item => map.AsInt(item, what, 1, 65535))];
    }

    private static List<int> Stepped(YamlMap map, int first, int members, int step, string what, YamlNode? at = null)
    {
        var last = first + (members - 1) * step;
        if (last > 65535)
            throw map.Error(at ?? map.Node, $"'{what}' {first} stepped by {step} for {members} members passes port 65535");
        return [.. Enumerable.Range(0, members).Select(i => first + i * step)];
    }
}
