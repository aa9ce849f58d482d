using System.Diagnostics;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// Reliability tier: kill -9 of the JetStream meta leader alone (it leads no stream), real servers on free ports.
/// Issue 16 measured it costs publishers nothing: the stream's own Raft group keeps its leader and its quorum.
/// </summary>
[Collection(HaCollection.Name)]
public class MetaLeaderFailoverTests(ITestOutputHelper output)
{
    private const string Stream = "AGENT_COMMANDS";

    [ReliabilityFact]
    public async Task Killing_only_the_meta_leader_fails_no_acked_publish()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var members = FlashDeepHealthTests.Members(stack);
        var metaLeader = await FlashDeepHealthTests.MetaLeaderAsync(members);
        var streamLeader = await MoveStreamLeaderOffAsync(stack, members, metaLeader);
        // One server, the stream's leader: the client itself never has to reconnect, so a failure could only be the cluster's.
        await using var connection = new NatsConnection(NatsClient.Authenticated(NatsOpts.Default with { Name = "meta-failover-test" },
            NatsTechnology.ClientUrl(streamLeader)));
        var jetStream = new NatsJSContext(connection);
        var failures = new List<string>();
        var acked = 0;
        string? newLeader = null;
        var clock = new Stopwatch();
        var elected = TimeSpan.Zero;

        // Publishing goes on through the election: until a new meta leader is seen and 100 publishes after it, at most 30 s after the kill.
        var last = int.MaxValue;
        for (var i = 0; i <= last && clock.Elapsed < TimeSpan.FromSeconds(30); i++)
        {
            if (i == 50)
            {
                Process.GetProcessById(stack.ServerPid(metaLeader)).Kill();
                clock.Start();
            }
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                (await jetStream.PublishAsync("agent.test.cmd", i, opts: new NatsJSPubOpts { MsgId = $"m{i}" }, cancellationToken: limit.Token)).EnsureSuccess();
                acked++;
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException)
            {
                failures.Add($"publish {i}: {e.GetType().Name}: {e.Message}");
            }
            if (i > 50 && newLeader is null && i % 10 == 0 && (newLeader = await NewMetaLeaderAsync(members, metaLeader)) is not null)
            {
                elected = clock.Elapsed;
                last = i + 100;
            }
            if (i > 50)
                await Task.Delay(10);
        }

        output.WriteLine($"killed {metaLeader} (meta leader, not leading {Stream}); new meta leader {newLeader} seen after {elected.TotalSeconds:0.0} s "
            + $"of publishing; {acked} acked, {failures.Count} failed");
        Assert.Empty(failures);
        Assert.NotNull(newLeader);
        var stream = await jetStream.GetStreamAsync(Stream);
        Assert.Equal(acked, (int)stream.Info.State.Messages);
    }

    /// <summary>Asks the stream's leader to step down until a member other than the meta leader leads it; returns that member.</summary>
    private static async Task<Arc.Platform.Registry.ServiceDefinition> MoveStreamLeaderOffAsync(NativeStack stack,
        IReadOnlyList<Arc.Platform.Registry.ServiceDefinition> members, string metaLeader)
    {
        await using var connection = new NatsConnection(NatsClient.Authenticated(NatsOpts.Default, NatsTechnology.ClusterUrl(stack.Service("flash"))));
        Arc.Platform.Registry.ServiceDefinition? leader = null;
        await Poll.UntilAsync(async () =>
        {
            try
            {
                leader = await FailoverTests.StreamLeaderAsync(members, Stream);
                if (leader.Codename != metaLeader)
                    return true;
            }
            catch (InvalidOperationException)
            {
                return false; // between leaders
            }
            await connection.RequestAsync<string, string>($"$JS.API.STREAM.LEADER.STEPDOWN.{Stream}", "");
            await Task.Delay(500);
            return false;
        }, $"a member other than the meta leader {metaLeader} to lead {Stream}");
        Assert.Equal(metaLeader, await FlashDeepHealthTests.MetaLeaderAsync(members));
        return leader!;
    }

    private static async Task<string?> NewMetaLeaderAsync(IReadOnlyList<Arc.Platform.Registry.ServiceDefinition> members, string old) =>
        await ClusterMonitor.LeaderViewAsync(members.Where(m => m.Codename != old).Select(NatsTechnology.MonitorUrl), CancellationToken.None) is { } view
            ? view.ServerName : null;
}
