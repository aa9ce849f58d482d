using System.Text.Json;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// `arc health flash --deep` (and `--json`) on a real 3-node cluster made unhealthy for real: each reason the
/// cluster check gives is made to fire and read back from the command's output.
/// </summary>
[Collection(HaCollection.Name)]
public class FlashDeepHealthTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [NativeFact]
    public async Task Two_of_three_members_gone_leave_no_meta_leader_and_health_deep_says_so()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var members = Members(stack);
        var leader = await MetaLeaderAsync(members);
        var survivor = members.First(m => m.Codename != leader);
        var gone = members.Where(m => m != survivor).Select(m => m.Codename).ToList();
        // The meta leader goes too: the survivor alone can elect nobody (no quorum of 3).
        foreach (var member in members.Where(m => m != survivor))
            await stack.Driver.StopAsync(member, CancellationToken.None);

        var health = await HealthUntilAsync(stack, h => Row(h, survivor.Codename).Contains("no meta leader"), $"{survivor.Codename} to report no meta leader");

        Assert.Equal(1, health.ExitCode);
        Assert.Contains($"cluster members {string.Join(", ", gone)} missing", Row(health, survivor.Codename));
        var json = JsonRow(await stack.ArcAsync("--json", "health", "flash", "--deep"), survivor.Codename);
        Assert.Equal("unhealthy", json.Status);
        Assert.Contains("no meta leader", json.Detail);
    }

    [NativeFact]
    public async Task A_frozen_member_is_missing_and_not_current_in_the_meta_group_until_it_resumes()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var members = Members(stack);
        var leader = await MetaLeaderAsync(members);
        var frozenMember = members.First(m => m.Codename != leader);
        var follower = frozenMember.Codename;

        using (var frozen = Frozen.Hold(stack.ServerPid(follower)))
        {
            var health = await HealthUntilAsync(stack, h => Row(h, leader).Contains($"meta group: {follower} not current"),
                $"the meta leader's row to name {follower} not current");

            Assert.Equal(1, health.ExitCode);
            Assert.Contains($"cluster member {follower} missing", Row(health, leader));
            Assert.Contains($"its monitor {NatsTechnology.MonitorUrl(frozenMember)} does not answer", Row(health, follower));
            var json = JsonRow(await stack.ArcAsync("--json", "health", "flash", "--deep"), leader);
            Assert.Equal("unhealthy", json.Status);
            Assert.Contains($"meta group: {follower} not current", json.Detail);
            frozen.Resume();
        }

        var whole = await HealthUntilAsync(stack, h => h.ExitCode == 0, $"the cluster to be whole again after SIGCONT to {follower}");
        Assert.All(members, m => Assert.Contains("cluster whole", Row(whole, m.Codename)));
    }

    internal static IReadOnlyList<ServiceDefinition> Members(NativeStack stack)
    {
        var flash = stack.Service("flash");
        return [.. HaTopology.DataMembers(flash, flash.Ha!)];
    }

    /// <summary>The codename of the member the meta group elected, waiting (bounded) for one.</summary>
    internal static async Task<string> MetaLeaderAsync(IReadOnlyList<ServiceDefinition> members)
    {
        ClusterView? view = null;
        await Poll.UntilAsync(async () => (view = await ClusterMonitor.LeaderViewAsync(members.Select(NatsTechnology.MonitorUrl), CancellationToken.None)) is not null,
            "a meta leader");
        return view!.ServerName;
    }

    /// <summary>`arc health flash --deep` until <paramref name="wanted"/> holds; on the limit, fails with the last output.</summary>
    internal static async Task<ArcRunner.Result> HealthUntilAsync(NativeStack stack, Func<ArcRunner.Result, bool> wanted, string what, string target = "flash")
    {
        ArcRunner.Result? last = null;
        try
        {
            await Poll.UntilAsync(async () => wanted(last = await stack.ArcAsync("health", target, "--deep")), what, Settle);
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}; the last `arc health {target} --deep` said:\n{last?.Out}{last?.Err}");
        }
        return last!;
    }

    /// <summary>The line of the text output naming <paramref name="codename"/>, empty when none does.</summary>
    internal static string Row(ArcRunner.Result health, string codename) =>
        health.Out.Split('\n').FirstOrDefault(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() == codename) ?? "";

    internal static (string Status, string Detail) JsonRow(ArcRunner.Result health, string codename)
    {
        using var document = JsonDocument.Parse(health.Out);
        var row = document.RootElement.GetProperty("services").EnumerateArray().Single(r => r.GetProperty("codename").GetString() == codename);
        return (row.GetProperty("status").GetString()!, row.GetProperty("detail").GetString() ?? "");
    }
}
