using Arc.Platform.Registry;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// Redis Sentinel's settings of an <c>ha:</c> topology: the master name clients ask for, how many Sentinels must
/// agree that the primary is down (quorum), and how long it must be silent first. Its ports are the topology's
/// <see cref="HaWatchers.Ports"/>.
/// </summary>
public sealed record SentinelSpec(int Quorum, string MasterName, TimeSpan DownAfter, TimeSpan FailoverTimeout) : IHaWatcherSettings;

/// <summary>
/// <c>ha.sentinel</c>: Redis' own key of the topology. Its Sentinels are the topology's watchers, named
/// <c>&lt;codename&gt;-sentinel-&lt;n&gt;</c>.
/// </summary>
internal sealed partial class SentinelSection : IHaWatcherSection
{
    private const int MaxMembers = 9;

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial System.Text.RegularExpressions.Regex MasterName();

    public string Key => "sentinel";

    public HaWatchers Read(YamlMap sentinel, Func<YamlMap, YamlNode, int, string, IReadOnlyList<int>> ports)
    {
        var count = sentinel.RequireInt("members", 1, MaxMembers);
        var portNode = sentinel.Get("port") ?? throw sentinel.Error(sentinel.Node, "missing required key 'port'");
        var own = ports(sentinel, portNode, count, "ha.sentinel.port");
        var quorum = sentinel.RequireInt("quorum", 1, count);
        var master = sentinel.RequireString("master_name");
        if (!MasterName().IsMatch(master))
            throw sentinel.Error(sentinel.Get("master_name"), $"'master_name' must be lower-case letters, digits and '-', got '{master}'");
        var downAfter = TimeSpan.FromMilliseconds(sentinel.RequireInt("down_after_ms", 100, 600_000));
        var failover = TimeSpan.FromMilliseconds(sentinel.RequireInt("failover_timeout_ms", 1000, 3_600_000));
        sentinel.RejectUnknownKeys();
        return new HaWatchers(Key, own, new SentinelSpec(quorum, master, downAfter, failover));
    }
}
