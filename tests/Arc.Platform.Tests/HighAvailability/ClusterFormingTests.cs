using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// `arc up --ha` returns a NATS cluster only once its meta group counts every member and each is current, as
/// `health --deep` checks it; past the forming limit it fails naming what the meta leader still sees.
/// </summary>
[Collection(HaCollection.Name)]
public class ClusterFormingTests
{
    [NativeFact]
    public async Task Provisioning_waits_for_every_member_to_be_current_and_names_the_one_that_is_not()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var members = FlashDeepHealthTests.Members(stack);
        var leader = await FlashDeepHealthTests.MetaLeaderAsync(members);
        var follower = members.First(m => m.Codename != leader).Codename;
        var first = members[0];
        var limit = ClusterProvisioning.FormingLimit;

        using var frozen = Frozen.Hold(stack.ServerPid(follower));
        await FlashDeepHealthTests.HealthUntilAsync(stack, h => FlashDeepHealthTests.Row(h, leader).Contains($"meta group: {follower} not current"),
            $"the meta leader to see {follower} not current");
        ClusterProvisioning.FormingLimit = TimeSpan.FromSeconds(3);
        try
        {
            var failure = await Assert.ThrowsAsync<DriverException>(() =>
                ClusterProvisioning.ProvisionAsync(first, first.Member!, NatsTechnology.ClusterUrl(first), CancellationToken.None));

            Assert.Equal($"the cluster did not form within 3 s: meta group: {follower} not current", failure.Message);
        }
        finally
        {
            ClusterProvisioning.FormingLimit = limit;
        }

        frozen.Resume();
        // Resumed, it catches up: provisioning goes through and leaves the cluster as `health --deep` wants it.
        await ClusterProvisioning.ProvisionAsync(first, first.Member!, NatsTechnology.ClusterUrl(first), CancellationToken.None);
        var health = await stack.ArcAsync("health", "flash", "--deep");
        Assert.True(health.ExitCode == 0, health.Out);
    }
}
