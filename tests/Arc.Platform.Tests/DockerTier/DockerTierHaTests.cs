using System.Text.Json;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Redis;
using NATS.Client.Core;
using NATS.Client.JetStream;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.DockerTier;

/// <summary>
/// `arc up flash sonic --ha --driver docker` (issue 16 part 1) on the tier's private engine: one container per member
/// on the host's network, on the free ports the tier gave the ha: topologies. One scenario in order, since every
/// step needs the previous one; the tier's single containers are stopped first and restored at the end.
/// </summary>
[Collection(DockerTierCollection.Name)]
public sealed class DockerTierHaTests(DockerTierFixture tier, ITestOutputHelper output)
{
    private static readonly string[] Members = ["flash-1", "flash-2", "flash-3", "sonic-1", "sonic-2", "sonic-3", "sonic-sentinel-1", "sonic-sentinel-2", "sonic-sentinel-3"];

    [DockerFact]
    public async Task Up_ha_runs_every_member_healthy_clients_connect_through_env_a_killed_primary_fails_over_and_clean_removes_every_member()
    {
        try
        {
            await RefusedBesideTheSingleServersAsync();
            await UpHealthyAsync();
            await RolesAndReplicasAsync();
            var env = await EnvAsync();
            await ClientsConnectAsync(env);
            await FailoverKeepsConfirmedKeysAsync(env);
            await DownAndCleanRemoveEveryMemberAsync();
        }
        finally
        {
            var clean = await tier.ArcAsync("clean", "flash", "sonic", "--yes", "--driver", "docker");
            output.WriteLine($"clean: {clean.Text}");
            var up = await tier.ArcAsync("up", "flash", "sonic", "--driver", "docker", "--timeout", "180");
            output.WriteLine($"single servers restored: exit {up.ExitCode}");
        }
    }

    private async Task RefusedBesideTheSingleServersAsync()
    {
        var refused = await tier.ArcAsync("up", "flash", "--ha", "--driver", "docker");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("flash runs as a single server; stop it first", refused.Err);
        var down = await tier.ArcAsync("down", "flash", "sonic", "--driver", "docker");
        Assert.True(down.ExitCode == 0, down.Text);
    }

    private async Task UpHealthyAsync()
    {
        var up = await tier.ArcAsync("--json", "up", "flash", "sonic", "--ha", "--driver", "docker", "--timeout", "240");
        output.WriteLine(up.Text);
        Assert.True(up.ExitCode == 0, up.Text);
        using var document = JsonDocument.Parse(up.Out);
        var rows = document.RootElement.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(Members, rows.Select(r => r.GetProperty("codename").GetString()));
        Assert.All(rows, r => Assert.Equal("healthy", r.GetProperty("status").GetString()));
        Assert.All(rows, r => Assert.Equal("docker", r.GetProperty("driver").GetString()));
        var containers = await Docker("ps", "--filter", "label=com.docker.compose.project=arc-platform-ha", "--format", "{{.Names}}");
        Assert.Equal(9, containers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("host", (await Docker("inspect", "--format", "{{.HostConfig.NetworkMode}}", "arc-cache-sentinel-2")).Trim());
        // No credential in what the engine shows or in the generated compose files.
        var secrets = Directory.GetFiles(Path.Combine(tier.Root, ".arc", "secrets")).Select(f => File.ReadAllText(f).Trim()).Where(v => v.Length >= 16).ToList();
        Assert.NotEmpty(secrets);
        var shown = await Docker(["inspect", .. containers.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
        var files = string.Concat(Directory.GetFiles(Path.Combine(tier.Root, ".arc", "docker-ha")).Select(File.ReadAllText));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, shown + files));

        var single = await tier.ArcAsync("up", "sonic", "--driver", "docker");
        Assert.Equal(1, single.ExitCode);
        Assert.Contains("sonic runs highly available", single.Err);
    }

    private async Task RolesAndReplicasAsync()
    {
        var status = await tier.ArcAsync("--json", "status", "--driver", "docker");
        output.WriteLine(status.Out);
        using var document = JsonDocument.Parse(status.Out);
        var rows = document.RootElement.GetProperty("services").EnumerateArray().ToList();
        string?[] Roles(string parent) => [.. rows.Where(r => r.TryGetProperty("member_of", out var of) && of.GetString() == parent)
            .Select(r => r.TryGetProperty("role", out var role) ? role.GetString() : null)];
        Assert.Single(Roles("flash"), r => r == "meta-leader");
        Assert.Equal(2, Roles("flash").Count(r => r == "follower"));
        Assert.Equal(1, Roles("sonic").Count(r => r == "primary"));
        Assert.Equal(2, Roles("sonic").Count(r => r == "replica"));

        var deep = await tier.ArcAsync("--json", "health", "flash", "sonic", "--deep", "--driver", "docker");
        Assert.True(deep.ExitCode == 0, deep.Text);
        using (var health = JsonDocument.Parse(deep.Out))
            Assert.Equal(Members, health.RootElement.GetProperty("services").EnumerateArray().Select(r => r.GetProperty("codename").GetString()));
        var logs = await tier.ArcAsync("logs", "sonic", "--driver", "docker");
        Assert.True(logs.ExitCode == 0, logs.Text);
        Assert.All(Members.Where(m => m.StartsWith("sonic", StringComparison.Ordinal)), m => Assert.Contains(m, logs.Out));
    }

    private async Task ClientsConnectAsync(Dictionary<string, string> env)
    {
        var flash = tier.Registry.Service("flash");
        Assert.Equal(3, env["NATS_URL"].Split(',').Length);
        Assert.All(HaTopology.ClientEndpoints(flash, "client"), e => Assert.Contains($"@{e}", env["NATS_URL"]));
        await using (var nats = new NatsConnection(new NatsOpts { Url = env["NATS_URL"] }))
        {
            var jetStream = new NatsJSContext(nats);
            foreach (var name in new[] { "AGENT_COMMANDS", "AGENT_EVENTS", "SYSTEM_METRICS" })
                Assert.Equal(3, (await jetStream.GetStreamAsync(name)).Info.Config.NumReplicas);
            (await jetStream.PublishAsync("agent.docker-ha.cmd", "hello")).EnsureSuccess();
        }
        Assert.Contains("serviceName=sonic", env["ConnectionStrings__sonic"]);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__sonic"]);
        Assert.True(await redis.GetDatabase().StringSetAsync("docker-ha", "through-sentinel"));
        Assert.Equal("through-sentinel", (string?)await redis.GetDatabase().StringGetAsync("docker-ha"));
    }

    private async Task FailoverKeepsConfirmedKeysAsync(Dictionary<string, string> env)
    {
        var sonic = tier.Registry.Service("sonic");
        var sentinels = HaTopology.WatcherEndpoints(sonic);
        var password = File.ReadAllText(Path.Combine(tier.Root, ".arc", "secrets", "sonic.default")).Trim();
        var primary = await SentinelProbe.PrimaryAsync(sentinels[0], password, "sonic", CancellationToken.None);
        Assert.NotNull(primary);
        var primaryMember = HaTopology.DataMembers(sonic, sonic.Ha!).Single(m => m.Endpoint("client").Port == primary.Port);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__sonic"] + ",abortConnect=false");
        var confirmed = new List<string>();
        for (var i = 0; i < 30; i++)
            if (await SetConfirmedAsync(redis, $"ha-{i}"))
                confirmed.Add($"ha-{i}");
        Assert.NotEmpty(confirmed);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var killed = await Docker("kill", Arc.Platform.Drivers.Docker.TopologyContainers.ContainerOf(primaryMember));
        output.WriteLine($"killed {killed.Trim()} ({primaryMember.Codename}, the primary)");
        ServiceEndpoint? named = null;
        await Poll.UntilAsync(async () =>
        {
            named = await SentinelProbe.PrimaryAsync(sentinels[0], password, "sonic", CancellationToken.None);
            return named is not null && named.Port != primary.Port;
        }, "Sentinel to name a new primary", TimeSpan.FromSeconds(30));
        output.WriteLine($"Sentinel named {named} {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        var next = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!next && DateTime.UtcNow < deadline)
            next = await SetConfirmedAsync(redis, "after-failover");
        Assert.True(next, "StackExchange.Redis through Sentinel confirmed no write on the new primary within 30 s");
        output.WriteLine($"next WAIT-confirmed write through Sentinel {clock.Elapsed.TotalSeconds:0.0} s after the kill; {confirmed.Count} confirmed keys checked");
        foreach (var key in confirmed)
            Assert.Equal(key, (string?)await redis.GetDatabase().StringGetAsync(key));
    }

    private async Task DownAndCleanRemoveEveryMemberAsync()
    {
        var down = await tier.ArcAsync("--json", "down", "flash", "sonic", "--driver", "docker");
        Assert.True(down.ExitCode == 0, down.Text);
        using (var document = JsonDocument.Parse(down.Out))
            Assert.Equal(Members, document.RootElement.GetProperty("services").EnumerateArray().Select(r => r.GetProperty("codename").GetString()));
        Assert.Empty((await Docker("ps", "-a", "--filter", "label=com.docker.compose.project=arc-platform-ha", "--format", "{{.Names}}")).Trim());
        Assert.All(Members, m => Assert.True(Directory.Exists(Path.Combine(tier.Root, ".arc", "data", m)), $"down kept {m}'s data"));

        var clean = await tier.ArcAsync("clean", "flash", "sonic", "--yes", "--driver", "docker");
        Assert.True(clean.ExitCode == 0, clean.Text);
        Assert.All(Members, m => Assert.False(Directory.Exists(Path.Combine(tier.Root, ".arc", "data", m)), $"clean left {m}'s data"));
        Assert.Empty(Directory.Exists(Path.Combine(tier.Root, ".arc", "docker-ha")) ? Directory.GetFiles(Path.Combine(tier.Root, ".arc", "docker-ha")) : []);
    }

    /// <summary>SET then WAIT 1: true when a replica confirmed the write; a refused or failed write is false.</summary>
    private static async Task<bool> SetConfirmedAsync(ConnectionMultiplexer redis, string key)
    {
        try
        {
            var database = redis.GetDatabase();
            await database.StringSetAsync(key, key).WaitAsync(TimeSpan.FromSeconds(3));
            return (long)await database.ExecuteAsync("WAIT", 1, 1000).WaitAsync(TimeSpan.FromSeconds(3)) >= 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            await Task.Delay(100);
            return false;
        }
    }

    private async Task<Dictionary<string, string>> EnvAsync()
    {
        var env = await tier.ArcAsync("--json", "env", "flash", "sonic", "--driver", "docker");
        Assert.True(env.ExitCode == 0, env.Text);
        output.WriteLine(env.Out);
        using var document = JsonDocument.Parse(env.Out);
        return document.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private async Task<string> Docker(params string[] args)
    {
        var result = await tier.DockerAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)}: {result.Text}");
        return result.Out;
    }
}
