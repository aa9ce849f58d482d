using Arc.Platform.Registry;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>`arc env` while the topologies run: clients find the cluster, not one server.</summary>
[Collection(HaCollection.Name)]
public class HaEnvTests
{
    [NativeFact]
    public async Task Env_lists_every_nats_member_and_the_sentinels_with_the_master_name_in_every_form()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash", "sonic");
        var flash = stack.Service("flash");
        var sonic = stack.Service("sonic");
        var members = HaTopology.ClientEndpoints(flash, "client").Select(e => $"@{e}").ToList();
        var sentinels = string.Join(",", HaTopology.WatcherEndpoints(sonic));

        var env = await stack.ArcAsync("env", "flash", "sonic", "--format", "dotenv");

        Assert.Equal(0, env.ExitCode);
        var lines = env.Out.Split('\n');
        string Value(string name) => lines.Single(l => l.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..].Trim('\'');
        foreach (var name in new[] { "NATS_URL", "ConnectionStrings__flash", "CORTEX_BOOTSTRAP_NATS_URL" })
        {
            var urls = Value(name).Split(',');
            Assert.Equal(3, urls.Length);
            Assert.All(urls.Zip(members), pair => Assert.Contains(pair.Second, pair.First));
        }
        Assert.Equal(sentinels, Value("REDIS_SENTINELS"));
        Assert.Equal("sonic", Value("REDIS_SENTINEL_MASTER"));
        Assert.StartsWith($"{sentinels},serviceName=sonic,user=default,password=", Value("ConnectionStrings__sonic"));
        Assert.Equal(HaTopology.Members(sonic)[0].Endpoint("client").Port.ToString(), Value("CORTEX_BOOTSTRAP_REDIS_PORT"));
        Assert.DoesNotContain("stopped", env.Out);
    }

    [NativeFact]
    public async Task Sentinel_and_data_member_configs_belong_to_the_server_user_who_rewrites_them()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");

        var sentinel = Path.Combine(stack.Root, ".arc", "data", "sonic-sentinel-1", "sentinel.conf");
        var replica = Path.Combine(stack.Root, ".arc", "data", "sonic-2", "redis.conf");

        // Sentinel rewrote its file with what it learned (its id, the replicas it met): it could write it.
        await Poll.UntilAsync(() => File.ReadAllText(sentinel).Contains("sentinel myid", StringComparison.Ordinal), "Sentinel to rewrite its config");
        Assert.Contains($"replicaof 127.0.0.1 {HaTopology.Members(stack.Service("sonic"))[0].Endpoint("client").Port}", File.ReadAllText(replica));
        Assert.Contains("masteruser replica", File.ReadAllText(replica));
    }
}
