using Arc.Platform.Registry;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>The ha: section as data: members derived from it, and every rule of its reader made to fire.</summary>
public class HaTopologyTests
{
    private const string Head = """
        name: arc-cache
        codename: sonic
        role: cache
        tech: redis
        image: x
        ports:
          client: 6379
        health: redis-cli -p 6379 ping

        """;

    private static ServiceDefinition Read(string ha, string tech = "redis")
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "service.yaml");
        File.WriteAllText(file, Head.Replace("tech: redis", $"tech: {tech}", StringComparison.Ordinal) + ha);
        return ServiceDefinitionReader.Read(file, "services/cache/service.yaml");
    }

    private const string Sentinels = """
        ha:
          members: 3
          port_step: 1
          sentinel:
            members: 3
            port: 26379
            quorum: 2
            master_name: sonic
            down_after_ms: 3000
            failover_timeout_ms: 10000
        """;

    [Fact]
    public void The_real_registry_derives_the_issue_ports_for_every_member()
    {
        var registry = ServiceRegistry.Load(TempRepo.RealRoot);
        var flash = HaTopology.Members(registry.Service("flash"));
        var sonic = HaTopology.Members(registry.Service("sonic"));

        Assert.Equal(["flash-1", "flash-2", "flash-3"], flash.Select(m => m.Codename));
        Assert.Equal([4222, 4223, 4224], flash.Select(m => m.Port("client").Host));
        Assert.Equal([8222, 8223, 8224], flash.Select(m => m.Port("monitor").Host));
        Assert.Equal([6222, 6223, 6224], flash.Select(m => m.Port("cluster").Host));
        Assert.Equal(["sonic-1", "sonic-2", "sonic-3", "sonic-sentinel-1", "sonic-sentinel-2", "sonic-sentinel-3"], sonic.Select(m => m.Codename));
        Assert.Equal([6379, 6380, 6381, 26379, 26380, 26381], sonic.Select(m => m.HealthPort.Host));
        Assert.All(flash.Concat(sonic), m => Assert.Equal(m.Member!.Parent, m.SecretsName));
        Assert.Equal([true, false, false], flash.Select(m => m.Metrics is not null));
        var sentinel = Assert.IsType<Arc.Platform.Technologies.Redis.SentinelSpec>(registry.Service("sonic").Ha!.Watchers!.Settings);
        Assert.Equal((2, "sonic", TimeSpan.FromSeconds(3)), (sentinel.Quorum, sentinel.MasterName, sentinel.DownAfter));
    }

    [Fact]
    public void Explicit_port_lists_give_each_member_its_own()
    {
        var service = Read(Sentinels.Replace("port_step: 1", "ports:\n    client: [7001, 7005, 7009]").Replace("port: 26379", "port: [8001, 8002, 8003]"));

        Assert.Equal([7001, 7005, 7009], HaTopology.Members(service).Take(3).Select(m => m.Port("client").Host));
        Assert.Equal([8001, 8002, 8003], HaTopology.WatcherEndpoints(service).Select(e => e.Port));
    }

    [Theory]
    [InlineData("members: 3", "members: 1", "'members'")]
    [InlineData("port: 26379", "port: [1, 2]", "lists 2 ports for 3 members")]
    [InlineData("quorum: 2", "quorum: 4", "'quorum'")]
    [InlineData("master_name: sonic", "master_name: Sonic!", "'master_name' must be lower-case")]
    [InlineData("port_step: 1", "port_step: 1\n  colour: blue", "colour")]
    [InlineData("port: 26379", "port: 65535", "passes port 65535")]
    [InlineData("down_after_ms: 3000", "down_after_ms: 5", "'down_after_ms'")]
    public void A_broken_ha_section_is_a_located_configuration_error(string from, string to, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Read(Sentinels.Replace(from, to)));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("services/cache/service.yaml:", error.Message);
    }

    [Fact]
    public void Watchers_are_the_technology_s_own_key_and_another_technology_s_ha_section_refuses_it()
    {
        var sonic = Read(Sentinels);
        var nats = Assert.Throws<ConfigException>(() => Read(Sentinels, tech: "nats"));

        Assert.Equal("sentinel", sonic.Ha!.Watchers!.Group);
        Assert.Equal(["sonic-sentinel-1", "sonic-sentinel-2", "sonic-sentinel-3"],
            HaTopology.Members(sonic).Where(m => m.Member!.Kind == HaMemberKind.Watcher).Select(m => m.Codename));
        Assert.Contains("sentinel", nats.Message);
        Assert.Null(Read(Sentinels[..Sentinels.IndexOf("  sentinel:", StringComparison.Ordinal)], tech: "nats").Ha!.Watchers);
    }

    [Fact]
    public void Two_members_on_one_port_is_a_clash_up_ha_refuses()
    {
        var service = Read(Sentinels.Replace("port: 26379", "port: 6380"));

        Assert.Equal(6380, service.Ha!.Clash());
        Assert.Null(Read(Sentinels).Ha!.Clash());
    }
}
