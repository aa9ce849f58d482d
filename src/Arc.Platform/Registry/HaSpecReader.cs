using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Registry;

/// <summary>
/// Parses <c>ha:</c>. Member n's port is the service's port (or an <c>ha.ports</c> base) plus (n-1) ×
/// <c>port_step</c>, or, where a port is given as a list, the list's n-th entry (tests use free ports).
/// </summary>
internal static class HaSpecReader
{
    private const int MaxMembers = 9;
    private static readonly System.Text.RegularExpressions.Regex MasterName = new("^[a-z][a-z0-9-]*$");

    public static HaSpec? Read(YamlMap service, IReadOnlyList<PortBinding> servicePorts)
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
        var sentinel = ReadSentinel(ha, step);
        ha.RejectUnknownKeys();
        // Port clashes are `up --ha`'s to refuse (HaSpec.Clash): a registry whose single-server ports a test moved
        // may step into each other without anyone running the topology.
        return new HaSpec(members, ports, sentinel);
    }

    private static SentinelSpec? ReadSentinel(YamlMap ha, int step)
    {
        if (ha.OptionalMap("sentinel", "'ha.sentinel'") is not { } sentinel)
            return null;
        var count = sentinel.RequireInt("members", 1, MaxMembers);
        var portNode = sentinel.Get("port") ?? throw sentinel.Error(sentinel.Node, "missing required key 'port'");
        var ports = MemberPorts(sentinel, portNode, count, step, "ha.sentinel.port");
        var quorum = sentinel.RequireInt("quorum", 1, count);
        var master = sentinel.RequireString("master_name");
        if (!MasterName.IsMatch(master))
            throw sentinel.Error(sentinel.Get("master_name"), $"'master_name' must be lower-case letters, digits and '-', got '{master}'");
        var downAfter = TimeSpan.FromMilliseconds(sentinel.RequireInt("down_after_ms", 100, 600_000));
        var failover = TimeSpan.FromMilliseconds(sentinel.RequireInt("failover_timeout_ms", 1000, 3_600_000));
        sentinel.RejectUnknownKeys();
        return new SentinelSpec(ports, quorum, master, downAfter, failover);
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
