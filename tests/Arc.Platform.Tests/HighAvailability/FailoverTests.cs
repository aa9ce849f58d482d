using System.Diagnostics;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Arc.Platform.Technologies.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// Reliability tier: kill -9 of the member that matters, real servers on free ports, every wait bounded.
/// Gaps are measured and printed, never asserted against a time beyond the issue's 15 s ceiling.
/// </summary>
[Collection(HaCollection.Name)]
public class FailoverTests(ITestOutputHelper output)
{
    private const string Stream = "AGENT_COMMANDS";
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(30);

    [ReliabilityFact]
    public async Task Killing_the_stream_leader_loses_no_acked_message_and_the_restarted_node_catches_up_its_own_copy()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var flash = stack.Service("flash");
        var members = HaTopology.DataMembers(flash, flash.Ha!).ToList();
        await using var connection = new NatsConnection(NatsClient.Authenticated(NatsOpts.Default with { Name = "failover-test" }, NatsTechnology.ClusterUrl(flash)));
        var jetStream = new NatsJSContext(connection);
        var acked = 0;
        var gap = TimeSpan.Zero;
        ServiceDefinition? killed = null;
        var pid = 0;

        for (var i = 0; i < 1000; i++)
        {
            if (i == 50)
            {
                killed = await StreamLeaderAsync(members, Stream);
                pid = stack.ServerPid(killed.Codename);
                // The whole member, its supervisor too: it stays down while the other two store the next 950 messages.
                PosixSignals.SignalGroup(stack.Record(killed.Codename).Server.Pid, PosixSignals.SigKill);
                var clock = Stopwatch.StartNew();
                await PublishRetryingAsync(jetStream, i++);
                acked++;
                gap = clock.Elapsed;
                output.WriteLine($"killed {killed.Codename} (stream leader); next ack after {gap.TotalSeconds:0.0} s");
            }
            await PublishRetryingAsync(jetStream, i);
            acked++;
        }

        var stream = await jetStream.GetStreamAsync(Stream);
        Assert.Equal(acked, (int)stream.Info.State.Messages);
        Assert.True(gap < TimeSpan.FromSeconds(15), $"a new leader took publishes only after {gap.TotalSeconds:0.0} s");

        // `arc up --ha` again restarts the killed node with its store; its own copy (not the meta group's `current`) must reach stored.
        var sinceUp = Stopwatch.StartNew();
        var catchUp = CatchUp.WatchAsync(killed!, Stream, acked, sinceUp, () => Restarted(stack, killed!.Codename, pid));
        await stack.UpHaHealthyAsync("flash");
        var caught = await catchUp;
        Assert.Equal(acked, await OwnCountAsync(killed!));
        output.WriteLine($"restarted {killed!.Codename} answered {caught.Back.TotalSeconds:0.0} s after `up --ha`; its own copy caught up "
            + $"({caught.Behind} messages behind) in {caught.Took.TotalSeconds:0.00} s more; {acked} of {acked} stored");
    }

    [ReliabilityFact]
    public async Task Killing_the_redis_primary_promotes_a_replica_keeps_every_WAIT_confirmed_key_and_clients_follow_through_Sentinel()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("sonic");
        var sonic = stack.Service("sonic");
        var primary = HaTopology.DataMembers(sonic, sonic.Ha!).First();
        var password = File.ReadAllText(Path.Combine(stack.Root, ".arc", "secrets", "sonic.default")).Trim();
        var sentinels = HaTopology.WatcherEndpoints(sonic);
        var options = ConfigurationOptions.Parse($"{string.Join(",", sentinels)},serviceName=sonic,password={password},abortConnect=false");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var confirmed = new List<string>();
        for (var i = 0; i < 50; i++)
            if (await SetConfirmedAsync(redis, $"k{i}"))
                confirmed.Add($"k{i}");
        Assert.NotEmpty(confirmed);

        var pid = stack.ServerPid(primary.Codename);
        Process.GetProcessById(pid).Kill();
        var killed = Stopwatch.StartNew();
        ServiceEndpoint? named = null;
        ServiceEndpoint? promotedTo = null;
        var sentinelUser = File.ReadAllText(Path.Combine(stack.Root, ".arc", "secrets", "sonic.sentinel")).Trim();
        var rejoin = Rejoin.WatchAsync(primary.HealthEndpoint, () => promotedTo, ["AUTH", "sentinel", sentinelUser], password, killed,
            () => Restarted(stack, primary.Codename, pid));
        await Poll.UntilAsync(async () =>
        {
            named = await SentinelProbe.PrimaryAsync(sentinels[0], password, "sonic", CancellationToken.None);
            return named is not null && named.Port != primary.Endpoint("client").Port;
        }, "Sentinel to name a new primary", RetryLimit);
        var promoted = killed.Elapsed;
        promotedTo = named;
        var deadline = DateTime.UtcNow + RetryLimit;
        var next = false;
        while (!next && DateTime.UtcNow < deadline)
            next = await SetConfirmedAsync(redis, "after-failover");
        output.WriteLine($"killed {primary.Codename} (primary); Sentinel named {named} after {promoted.TotalSeconds:0.0} s; "
            + $"next confirmed write through Sentinel after {killed.Elapsed.TotalSeconds:0.0} s");

        Assert.True(promoted < TimeSpan.FromSeconds(15), $"Sentinel named a new primary only after {promoted.TotalSeconds:0.0} s");
        Assert.True(next, "StackExchange.Redis through Sentinel confirmed no write on the new primary within 30 s");
        var database = redis.GetDatabase();
        foreach (var key in confirmed)
            Assert.Equal(key, (string?)await database.StringGetAsync(key));

        // The old primary, restarted by its supervisor, serves as a replica of the new one and holds every confirmed key.
        var back = await rejoin;
        confirmed.Add("after-failover");
        var held = await SentinelClient.AskAsync(primary.HealthEndpoint, password, ["MGET", .. confirmed], CancellationToken.None);
        Assert.Equal(confirmed, held);
        output.WriteLine($"restarted {primary.Codename} answered after {back.Back.TotalSeconds:0.0} s; replica of {named} after "
            + $"{back.Replica.TotalSeconds:0.0} s; reached its offset ({back.Bytes} bytes) {(back.Reached - back.Replica).TotalSeconds:0.00} s later; "
            + $"{held.Count} of {confirmed.Count} confirmed keys on it");
    }

    /// <summary>SET then WAIT 1: true when a replica confirmed the write; a refused or failed write is false, not an exception.</summary>
    private static async Task<bool> SetConfirmedAsync(ConnectionMultiplexer redis, string key)
    {
        try
        {
            var database = redis.GetDatabase();
            await database.StringSetAsync(key, key).WaitAsync(TimeSpan.FromSeconds(3));
            var replicas = (long)await database.ExecuteAsync("WAIT", 1, 1000).WaitAsync(TimeSpan.FromSeconds(3));
            return replicas >= 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            await Task.Delay(100);
            return false;
        }
    }

    /// <summary>One publish with its message id, retried (503 no responders, timeouts) until acked or 30 s passed.</summary>
    internal static async Task PublishRetryingAsync(NatsJSContext jetStream, int sequence)
    {
        var deadline = DateTime.UtcNow + RetryLimit;
        while (true)
        {
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                var ack = await jetStream.PublishAsync("agent.test.cmd", sequence, opts: new NatsJSPubOpts { MsgId = $"m{sequence}" }, cancellationToken: attempt.Token);
                ack.EnsureSuccess();
                return;
            }
            catch (Exception e) when (e is NatsException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>True once the member's server runs again as another process than <paramref name="killed"/>.</summary>
    internal static bool Restarted(NativeStack stack, string codename, int killed)
    {
        try
        {
            return stack.ServerPid(codename) != killed;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The member's own message count of <see cref="Stream"/>, or -1 while its monitor does not answer.</summary>
    internal static async Task<long> OwnCountAsync(ServiceDefinition member) =>
        await ClusterMonitor.ReadAsync(NatsTechnology.MonitorUrl(member), CancellationToken.None) is { } view
            ? view.Streams.FirstOrDefault(s => s.Name == Stream)?.Messages ?? -1 : -1;

    internal static async Task<ServiceDefinition> StreamLeaderAsync(IReadOnlyList<ServiceDefinition> members, string stream)
    {
        foreach (var member in members)
            if (await ClusterMonitor.ReadAsync(NatsTechnology.MonitorUrl(member), CancellationToken.None) is { } view && view.Leads.Contains(stream))
                return member;
        throw new InvalidOperationException($"no member leads {stream}");
    }
}
