using System.Text.Json;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.Consumers;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>`arc up flash --ha` with real nats-server processes on free ports: a 3-node JetStream cluster.</summary>
[Collection(HaCollection.Name)]
public class FlashClusterTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [NativeFact]
    public async Task Flash_runs_as_a_three_node_cluster_with_every_declared_stream_at_three_replicas_and_roles_in_status()
    {
        await using var stack = HaStack.Create();

        var up = await stack.UpHaHealthyAsync("flash");

        Assert.Equal(["flash-1", "flash-2", "flash-3"], up.Services.Select(s => s.Codename));
        var members = HaTopology.Members(stack.Service("flash"));
        foreach (var member in members)
            Assert.Equal(member.Endpoint("client").ToString(), up.Services.Single(s => s.Codename == member.Codename).Endpoint);
        var replicas = await StreamReplicasAsync(members[0]);
        Assert.Equal(new Dictionary<string, int> { ["AGENT_COMMANDS"] = 3, ["AGENT_EVENTS"] = 3, ["SYSTEM_METRICS"] = 3 },
            replicas.Where(r => r.Key != NatsDeepProbe.HealthStream).ToDictionary());
        // One store per member, each under .arc/data/<member>.
        foreach (var member in members)
            Assert.True(Directory.Exists(Path.Combine(stack.Root, ".arc", "data", member.Codename, "jetstream")), member.Codename);

        var status = await stack.ArcAsync("--json", "status");
        using var document = JsonDocument.Parse(status.Out);
        var rows = document.RootElement.GetProperty("services").EnumerateArray().Where(r => r.TryGetProperty("member_of", out var of) && of.GetString() == "flash").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Single(rows, r => r.GetProperty("role").GetString() == "meta-leader");
        var led = rows.Where(r => r.TryGetProperty("leads", out _)).SelectMany(r => r.GetProperty("leads").EnumerateArray().Select(e => e.GetString())).ToList();
        Assert.Subset(led.ToHashSet(), new HashSet<string?> { "AGENT_COMMANDS", "AGENT_EVENTS", "SYSTEM_METRICS" });

        var down = await stack.DownAsync("flash");
        Assert.Equal(["flash-1", "flash-2", "flash-3"], down.Services.Select(s => s.Codename));
        Assert.All(members, m => Assert.Null(stack.Driver.LiveRecord(m.Codename)));
    }

    [NativeFact]
    public async Task A_single_server_and_the_cluster_never_run_side_by_side()
    {
        await using var stack = HaStack.Create();
        await stack.UpHealthyAsync("flash");

        var ha = await stack.ArcAsync("up", "flash", "--ha", "--driver", "native");

        Assert.Equal(1, ha.ExitCode);
        Assert.Contains("flash runs as a single server", ha.Err);
        await stack.DownAsync("flash");
        await stack.UpHaHealthyAsync("flash");

        var single = await stack.ArcAsync("up", "flash", "--driver", "native");

        Assert.Equal(1, single.ExitCode);
        Assert.Contains("flash runs highly available", single.Err);
    }

    [NativeFact]
    public async Task Cortex_update_without_replicas_turns_R3_into_R1_health_deep_says_so_and_streams_apply_restores_it()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var first = HaTopology.Members(stack.Service("flash"))[0];

        // Cortex's bootstrap, replayed byte for byte: its update carries num_replicas 0.
        var verbs = await CortexStreamReplay.RunAsync(NatsTechnology.ClientUrl(stack.Service("flash")), CortexStreamReplay.Streams(stack.Root));

        Assert.All(verbs, v => Assert.Equal("update", v));
        var replicas = await StreamReplicasAsync(first);
        Assert.Equal(1, replicas["AGENT_COMMANDS"]);
        var health = await stack.ArcAsync("health", "flash", "--deep");
        Assert.Equal(1, health.ExitCode);
        Assert.Contains("stream AGENT_COMMANDS runs at 1 replica, declared 3", health.Out);

        var apply = await stack.ArcAsync("streams", "apply");

        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("AGENT_COMMANDS: updated replicas 1 → 3", apply.Out);
        Assert.Equal(3, (await StreamReplicasAsync(first))["AGENT_COMMANDS"]);
    }

    [NativeFact]
    public async Task Health_deep_names_a_missing_cluster_member()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var third = HaTopology.Members(stack.Service("flash"))[2];
        await stack.Driver.StopAsync(third, CancellationToken.None);

        var health = await stack.ArcAsync("health", "flash", "--deep");

        Assert.Equal(1, health.ExitCode);
        Assert.Contains("cluster member flash-3 missing", health.Out);
    }

    /// <summary>Each stream's configured replicas as the members holding a copy report them (an R1 stream lives on one member only).</summary>
    internal static async Task<Dictionary<string, int>> StreamReplicasAsync(ServiceDefinition anyMember)
    {
        var replicas = new Dictionary<string, int>();
        foreach (var member in HaTopology.DataMembers(anyMember, anyMember.Ha!))
        {
            var jsz = await Http.GetStringAsync($"{NatsTechnology.MonitorUrl(member)}/jsz?streams=true&config=true");
            using var document = JsonDocument.Parse(jsz);
            if (!document.RootElement.TryGetProperty("account_details", out var accounts))
                continue;
            foreach (var stream in accounts.EnumerateArray().Where(a => a.TryGetProperty("stream_detail", out _)).SelectMany(a => a.GetProperty("stream_detail").EnumerateArray()))
                replicas[stream.GetProperty("name").GetString()!] = stream.GetProperty("config").GetProperty("num_replicas").GetInt32();
        }
        return replicas;
    }
}
