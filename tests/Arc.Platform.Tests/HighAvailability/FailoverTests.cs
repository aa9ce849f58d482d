using System.Diagnostics;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Tests.TestKit;
using NATS.Client.Core;
using NATS.Client.JetStream;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// Reliability tier: kill -9 of the member that matters, real servers on free ports, every wait bounded.
/// Gaps are measured and printed, never asserted against a time beyond the issue's 15 s ceiling.
/// </summary>
public class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(30);

    [ReliabilityFact]
    public async Task Killing_the_stream_leader_loses_no_acked_message_when_publishes_retry_with_a_message_id()
    {
        await using var stack = HaStack.Create();
        await stack.UpHaHealthyAsync("flash");
        var flash = stack.Service("flash");
        var members = HaTopology.DataMembers(flash, flash.Ha!).ToList();
        await using var connection = new NatsConnection(NatsClient.Authenticated(NatsOpts.Default with { Name = "failover-test" }, NatsTechnology.ClusterUrl(flash)));
        var jetStream = new NatsJSContext(connection);
        var acked = 0;
        var gap = TimeSpan.Zero;

        for (var i = 0; i < 200; i++)
        {
            if (i == 50)
            {
                var leader = await StreamLeaderAsync(members, "AGENT_COMMANDS");
                Process.GetProcessById(stack.ServerPid(leader.Codename)).Kill();
                var killed = Stopwatch.StartNew();
                await PublishRetryingAsync(jetStream, i++);
                acked++;
                gap = killed.Elapsed;
                output.WriteLine($"killed {leader.Codename} (stream leader); next ack after {gap.TotalSeconds:0.0} s");
            }
            await PublishRetryingAsync(jetStream, i);
            acked++;
        }

        var stream = await jetStream.GetStreamAsync("AGENT_COMMANDS");
        Assert.Equal(acked, (int)stream.Info.State.Messages);
        Assert.True(gap < TimeSpan.FromSeconds(15), $"a new leader took publishes only after {gap.TotalSeconds:0.0} s");
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

        Process.GetProcessById(stack.ServerPid(primary.Codename)).Kill();
        var killed = Stopwatch.StartNew();
        ServiceEndpoint? named = null;
        await Poll.UntilAsync(async () =>
        {
            named = await Arc.Platform.Technologies.Redis.SentinelProbe.PrimaryAsync(sentinels[0], password, "sonic", CancellationToken.None);
            return named is not null && named.Port != primary.Endpoint("client").Port;
        }, "Sentinel to name a new primary", RetryLimit);
        var promoted = killed.Elapsed;
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
    private static async Task PublishRetryingAsync(NatsJSContext jetStream, int sequence)
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

    private static async Task<ServiceDefinition> StreamLeaderAsync(IReadOnlyList<ServiceDefinition> members, string stream)
    {
        foreach (var member in members)
            if (await ClusterMonitor.ReadAsync(NatsTechnology.MonitorUrl(member), CancellationToken.None) is { } view && view.Leads.Contains(stream))
                return member;
        throw new InvalidOperationException($"no member leads {stream}");
    }
}
