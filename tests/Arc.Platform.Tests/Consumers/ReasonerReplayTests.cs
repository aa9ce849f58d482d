using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;
using System.Text;
using Arc.Platform.Consumers;
using NATS.Client.Core;
using StackExchange.Redis;

namespace Arc.Platform.Tests.Consumers;

/// <summary>
/// The reasoner's use of Flash and Sonic as its source does it (src/reasoner/config.py, memory.py),
/// with its own settings from `arc env`, against servers `arc up` started.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReasonerReplayTests
{
    private static Consumer Reasoner => ConsumersFile.LoadUnder(TempRepo.RealRoot, TechnologyFacts.Catalog.ConsumerSections).Single(c => c.Name == "reasoner");

    [NativeFact]
    public async Task A_request_reaches_one_worker_of_the_queue_group_and_arc_reasoner_subjects_receive()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash")).Success);
        var url = await SettingAsync(stack, "flash", "SHERLOCK_NATS_URL");
        var nats = Reasoner.Nats!;
        await using var workers = new NatsConnection(new NatsOpts { Url = url });
        await using var client = new NatsConnection(new NatsOpts { Url = url });
        await workers.ConnectAsync();
        await client.ConnectAsync();

        // Two reasoner workers in queue group reasoner_workers: a request is answered once.
        var handled = 0;
        var queue = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => workers.SubscribeCoreAsync<string>(nats.Subjects[0], queueGroup: nats.QueueGroup).AsTask()));
        var serving = queue.Select(sub => Task.Run(async () =>
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                Interlocked.Increment(ref handled);
                await msg.ReplyAsync($"answer to {msg.Data}");
            }
        })).ToList();
        await workers.PingAsync();
        var reply = await client.RequestAsync<string, string>(nats.Subjects[0], "why?");
        Assert.Equal("answer to why?", reply.Data);

        // arc.reasoner.*: the result, error and request subjects of the arc.* protocol.
        await using var listener = await workers.SubscribeCoreAsync<string>(nats.Subjects[1]);
        await workers.PingAsync();
        await client.PublishAsync("arc.reasoner.result", "done");
        var received = await listener.Msgs.ReadAsync();
        Assert.Equal(("arc.reasoner.result", "done"), (received.Subject, received.Data));
        await client.PingAsync();
        Assert.Equal(1, handled);
        foreach (var sub in queue)
            await sub.DisposeAsync();
        await Task.WhenAll(serving);
    }

    [NativeFact]
    public async Task The_context_cache_is_a_setex_under_arc_ctx_with_the_reasoners_ttl()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var url = new Uri(await SettingAsync(stack, "sonic", "SHERLOCK_SONIC_URL"));
        var redis = Reasoner.Redis!;
        // redis.asyncio.from_url takes user and password from the URL's user information.
        var userInfo = url.UserInfo.Split(':');
        await using var connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { url.Host, url.Port } },
            User = Uri.UnescapeDataString(userInfo[0]),
            Password = Uri.UnescapeDataString(userInfo[1]),
        });
        var db = connection.GetDatabase();

        // redis.asyncio.from_url(url) → PING, then SETEX arc:ctx:<user>:<sha256> ttl json.
        Assert.Equal("PONG", (await db.ExecuteAsync("PING")).ToString());
        var key = $"{redis.KeyPrefix}user-1:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("[0.1,0.2]")))}";
        await db.ExecuteAsync("SETEX", key, redis.TtlSeconds, "[\"earlier turn\"]");

        Assert.Equal("[\"earlier turn\"]", (string?)await db.StringGetAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(redis.TtlSeconds));
    }

    private static async Task<string> SettingAsync(NativeStack stack, string target, string variable)
    {
        var env = await stack.ArcAsync("--json", "env", target);
        Assert.True(env.ExitCode == 0, env.Err);
        using var document = System.Text.Json.JsonDocument.Parse(env.Out);
        return document.RootElement.GetProperty("variables").GetProperty(variable).GetString()!;
    }
}
