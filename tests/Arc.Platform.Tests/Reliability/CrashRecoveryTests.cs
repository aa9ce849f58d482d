using System.Diagnostics;
using Arc.Platform.Technologies.Nats;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Reliability;

public sealed class CrashRecoveryTests
{
    [ReliabilityFact]
    public async Task After_kill_9_of_both_servers_up_starts_them_again_with_the_redis_key_and_the_jetstream_message_kept()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash", "sonic")).Success);
        var redisPort = stack.Service("sonic").Port("client").Host;
        var natsUrl = NatsTechnology.ClientUrl(stack.Service("flash"));
        // Sonic's generated password, as `up` wrote it for the platform's clients.
        var password = File.ReadAllText(Arc.Platform.Secrets.SecretStore.Under(stack.Root).FileOf("sonic", "default")).Trim();
        Assert.Equal("OK", (await RedisCli.RunAsync(password, redisPort, "SET", "survivor", "still-here")).Trim());
        await PublishAsync(natsUrl, "agent.crash-test.cmd", "persisted");
        // Supervisors and servers alike, as a crash of the machine would: nothing is left to restart them.
        var killed = new[] { "flash", "sonic" }.SelectMany(c => new[] { stack.Record(c).Server.Pid, stack.ServerPid(c) }).ToArray();

        foreach (var pid in killed)
            Process.GetProcessById(pid).Kill();
        await Poll.UntilAsync(() => !killed.Any(ProcessFacts.IsAlive), "the killed servers and supervisors to be gone");
        var result = await stack.UpAsync("flash", "sonic");

        Assert.True(result.Success, Describe(result));
        Assert.All(result.Services, s => Assert.StartsWith("started", s.Detail));
        Assert.Equal("still-here", (await RedisCli.RunAsync(password, redisPort, "GET", "survivor")).Trim());
        Assert.Equal("persisted", await LastMessageAsync(natsUrl, "AGENT_COMMANDS"));
    }

    [ReliabilityFact]
    public async Task Down_kills_a_server_that_does_not_stop_on_SIGTERM_once_the_grace_period_is_over()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var pid = stack.ServerPid("sonic");
        // A stopped process cannot act on SIGTERM; only SIGKILL ends it.
        Assert.Equal(0, Kill(pid, SigStop));
        var impatient = new Arc.Platform.Drivers.Native.NativeDriver(stack.Root, stack.Technologies.For,
            new Arc.Platform.Drivers.Native.NativeDriverOptions { StopGrace = TimeSpan.FromMilliseconds(200) });

        await impatient.StopAsync(stack.Service("sonic"), CancellationToken.None);

        Assert.False(ProcessFacts.IsAlive(pid));
        Assert.Null(impatient.LiveRecord("sonic"));
    }

    private const int SigStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private static async Task PublishAsync(string url, string subject, string payload)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var jetStream = new NatsJSContext(connection);
        var ack = await jetStream.PublishAsync(subject, payload);
        ack.EnsureSuccess();
    }

    private static async Task<string?> LastMessageAsync(string url, string stream)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        var jetStream = new NatsJSContext(connection);
        var info = await jetStream.GetStreamAsync(stream);
        var last = await info.GetAsync(new StreamMsgGetRequest { LastBySubj = "agent.crash-test.cmd" });
        return last.Message?.Data is { } data ? System.Text.Encoding.UTF8.GetString(data.Span) : null;
    }
}
