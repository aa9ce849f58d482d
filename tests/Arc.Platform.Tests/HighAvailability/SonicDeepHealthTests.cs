using Arc.Platform.Registry;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Tests.TestKit;
using static Arc.Platform.Tests.HighAvailability.FlashDeepHealthTests;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// `arc health sonic --deep` (and `--json`) on a real primary, two replicas and three Sentinels made unhealthy
/// for real: each reason of the replication and Sentinel checks is made to fire and read back from the output.
/// </summary>
[Collection(HaCollection.Name)]
public class SonicDeepHealthTests
{
    [NativeFact]
    public async Task Two_of_three_Sentinels_gone_lose_the_quorum_and_health_deep_gives_Sentinels_own_reason()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");
        var sentinels = Members(stack, HaMemberKind.Watcher);
        foreach (var sentinel in sentinels.Skip(1))
            await stack.Driver.StopAsync(sentinel, CancellationToken.None);
        var last = sentinels[0].Codename;

        // The survivor counts a Sentinel unusable once it has been silent for down_after_ms.
        var health = await HealthUntilAsync(stack, h => Row(h, last).Contains("NOQUORUM"), $"{last} to report NOQUORUM", "sonic");

        Assert.Equal(1, health.ExitCode);
        Assert.Contains("SENTINEL CKQUORUM", Row(health, last));
        var json = JsonRow(await stack.ArcAsync("--json", "health", "sonic", "--deep"), last);
        Assert.Equal("unhealthy", json.Status);
        Assert.Contains("NOQUORUM", json.Detail);
    }

    [NativeFact]
    public async Task A_primary_missing_a_replica_is_unhealthy_with_the_count()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");
        var data = Members(stack, HaMemberKind.Data);
        await stack.Driver.StopAsync(data[2], CancellationToken.None);

        var health = await HealthUntilAsync(stack, h => Row(h, data[0].Codename).Contains("primary with 1 of 2 replicas connected"),
            $"{data[0].Codename} to count one replica", "sonic");

        Assert.Equal(1, health.ExitCode);
        var json = JsonRow(await stack.ArcAsync("--json", "health", "sonic", "--deep"), data[0].Codename);
        Assert.Equal(("unhealthy", "primary with 1 of 2 replicas connected"), json);
    }

    [NativeFact]
    public async Task Replicas_whose_primary_is_gone_report_their_link_down()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");
        var data = Members(stack, HaMemberKind.Data);
        // No Sentinel may promote a replica meanwhile: the link stays down instead of moving to a new primary.
        foreach (var sentinel in Members(stack, HaMemberKind.Watcher))
            await stack.Driver.StopAsync(sentinel, CancellationToken.None);
        await stack.Driver.StopAsync(data[0], CancellationToken.None);
        var primary = data[0].HealthEndpoint;

        var health = await HealthUntilAsync(stack, h => data.Skip(1).All(r => Row(h, r.Codename).Contains($"replica of {primary}: link down")),
            "both replicas to report their link down", "sonic");

        Assert.Equal(1, health.ExitCode);
        var json = JsonRow(await stack.ArcAsync("--json", "health", "sonic", "--deep"), data[1].Codename);
        Assert.Equal("unhealthy", json.Status);
        Assert.StartsWith($"replica of {primary}: link down", json.Detail);
    }

    [NativeFact]
    public async Task A_replica_that_stops_applying_the_stream_lags_and_health_deep_names_the_bytes_until_it_resumes()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");
        var data = Members(stack, HaMemberKind.Data);
        var replica = data[2];
        var admin = await GiveAdminUserAsync(stack, replica);
        // CLIENT PAUSE WRITE holds back the replication stream on a replica while INFO still answers (measured on
        // redis-server 7.0.15: slave_read_repl_offset advances, slave_repl_offset stays): a replica that lags for real.
        await SentinelClient.AskAsync(replica.HealthEndpoint, null, [[.. admin], ["CLIENT", "PAUSE", "60000", "WRITE"]], CancellationToken.None);
        try
        {
            var password = File.ReadAllText(Path.Combine(stack.Root, ".arc", "secrets", "sonic.default")).Trim();
            await SentinelClient.AskAsync(data[0].HealthEndpoint, password, ["SET", "lag", new string('x', 3 << 20)], CancellationToken.None);

            var health = await HealthUntilAsync(stack, h => Row(h, replica.Codename).Contains("bytes behind it"), $"{replica.Codename} to report its lag", "sonic");

            Assert.Equal(1, health.ExitCode);
            Assert.Matches($@"replica of {data[0].HealthEndpoint} lagging \d+ bytes behind it", Row(health, replica.Codename));
            var json = JsonRow(await stack.ArcAsync("--json", "health", "sonic", "--deep"), replica.Codename);
            Assert.Equal("unhealthy", json.Status);
            Assert.Contains("lagging", json.Detail);
        }
        finally
        {
            await SentinelClient.AskAsync(replica.HealthEndpoint, null, [[.. admin], ["CLIENT", "UNPAUSE"]], CancellationToken.None);
        }
        var whole = await HealthUntilAsync(stack, h => h.ExitCode == 0, $"{replica.Codename} to catch up after CLIENT UNPAUSE", "sonic");
        Assert.Contains("link up", Row(whole, replica.Codename));
    }

    private static IReadOnlyList<ServiceDefinition> Members(NativeStack stack, HaMemberKind kind) =>
        [.. HaTopology.Members(stack.Service("sonic")).Where(m => m.Member!.Kind == kind)];

    /// <summary>
    /// CLIENT PAUSE is an @admin command, which none of arc's users may run (by design): the test adds an admin
    /// user of its own to the member's ACL file and kills the server, which the supervisor restarts reading it.
    /// </summary>
    private static async Task<string[]> GiveAdminUserAsync(NativeStack stack, ServiceDefinition member)
    {
        string[] auth = ["AUTH", "test-admin", "test-admin-password"];
        File.AppendAllText(Path.Combine(stack.Root, ".arc", "data", member.Codename, "users.acl"), "user test-admin on >test-admin-password ~* &* +@all\n");
        var killed = stack.ServerPid(member.Codename);
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        await Poll.UntilAsync(async () =>
        {
            try
            {
                return stack.Driver.LiveRecord(member.Codename) is not null && stack.ServerPid(member.Codename) != killed
                    && (await SentinelClient.AskAsync(member.HealthEndpoint, null, [[.. auth], ["INFO", "replication"]], CancellationToken.None))[1][0].Contains("master_link_status:up");
            }
            catch (Exception e) when (e is RedisReplyException or InvalidOperationException)
            {
                return false;
            }
        }, $"{member.Codename} restarted by its supervisor with the test's admin user, its link up", TimeSpan.FromSeconds(60));
        return auth;
    }
}
