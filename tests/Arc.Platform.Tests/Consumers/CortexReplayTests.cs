using System.Text.Json;
using Arc.Platform.Consumers;
using Arc.Platform.Technologies.Nats;
using NATS.Client.Core;
using StackExchange.Redis;

namespace Arc.Platform.Tests.Consumers;

/// <summary>
/// Cortex's bootstrap replayed exactly (calls, field values, order) against servers `arc up` started
/// with the native driver: neither side's provisioning undoes the other's, in either order, repeated.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CortexReplayTests
{
    private static readonly string[] CortexStreams = ["AGENT_COMMANDS", "AGENT_EVENTS", "SYSTEM_METRICS"];

    [NativeFact]
    public void The_replayed_request_is_what_nats_go_sends_for_cortexs_agent_commands()
    {
        var commands = CortexStreamReplay.Streams(TempRepo.RealRoot)[0];

        // encoding/json of nats.StreamConfig{Name, Subjects, Retention: LimitsPolicy, MaxAge: 24 * time.Hour}, nats.go v1.48.0.
        Assert.Equal(
            """{"name":"AGENT_COMMANDS","subjects":["agent.*.cmd"],"retention":"limits","max_consumers":0,"max_msgs":0,"max_bytes":0,"discard":"old","max_age":86400000000000,"max_msgs_per_subject":0,"storage":"file","num_replicas":0,"compression":"none","allow_direct":false,"mirror_direct":false,"consumer_limits":{},"allow_msg_ttl":false}""",
            CortexStreamReplay.GoStreamConfigJson(commands));
        Assert.Contains("\"subjects\":[\"metrics.\\u003e\"]", CortexStreamReplay.GoStreamConfigJson(CortexStreamReplay.Streams(TempRepo.RealRoot)[2]));
    }

    [NativeFact]
    public async Task Arc_first_then_cortex_twice_then_arc_reports_unchanged_and_no_drift()
    {
        await using var stack = NativeStack.Create();
        var first = await UpJsonAsync(stack);
        Assert.Equal(CortexStreams.Select(s => (s, "created")), Provisioned(first));

        var url = await NatsUrlAsync(stack);
        Assert.Equal(["update", "update", "update"], await CortexStreamReplay.RunAsync(url, CortexStreamReplay.Streams(stack.Root)));
        Assert.Equal(["update", "update", "update"], await CortexStreamReplay.RunAsync(url, CortexStreamReplay.Streams(stack.Root)));

        var again = await UpJsonAsync(stack);
        Assert.Equal(CortexStreams.Select(s => (s, "unchanged")), Provisioned(again));
        await AssertNoDriftAsync(stack);
        await AssertCortexSettingsAsync(url);
    }

    [NativeFact]
    public async Task Cortex_first_on_an_empty_server_then_arc_reports_unchanged_then_both_again()
    {
        // Flash without streams.yaml: `arc up` provisions nothing, so Cortex meets an empty server.
        await using var stack = NativeStack.Create(repo => repo.Delete(StreamsFile.RelativePath));
        Assert.Empty(Provisioned(await UpJsonAsync(stack)));
        var url = await NatsUrlAsync(stack);

        Assert.Equal(["create", "create", "create"], await CortexStreamReplay.RunAsync(url, CortexStreamReplay.Streams(stack.Root)));
        stack.Repo.Write(StreamsFile.RelativePath, File.ReadAllText(StreamsFile.PathUnder(TempRepo.RealRoot)));
        Assert.Equal(CortexStreams.Select(s => (s, "unchanged")), Provisioned(await UpJsonAsync(stack)));
        await AssertNoDriftAsync(stack);

        Assert.Equal(["update", "update", "update"], await CortexStreamReplay.RunAsync(url, CortexStreamReplay.Streams(stack.Root)));
        Assert.Equal(CortexStreams.Select(s => (s, "unchanged")), Provisioned(await UpJsonAsync(stack)));
        await AssertCortexSettingsAsync(url);
    }

    [NativeFact]
    public async Task Cortexs_probes_of_flash_and_sonic_succeed()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash", "sonic")).Success);

        // NATS: connect, JetStream account info, and the probe's stream info.
        await using (var connection = new NatsConnection(new NatsOpts { Url = await NatsUrlAsync(stack) }))
        {
            await connection.ConnectAsync();
            using var account = await CortexStreamReplay.RequestAsync(connection, "$JS.API.INFO", []);
            Assert.False(account.RootElement.TryGetProperty("error", out _), account.RootElement.ToString());
        }
        await CortexStreamReplay.ProbeAsync(await NatsUrlAsync(stack), CortexStreams[0]);

        // Redis: go-redis with Addr host:port and Password from Cortex's own settings (no user name: AUTH <password>), DB 0; PING must answer PONG.
        var env = await stack.ArcAsync("--json", "env", "sonic");
        using var settings = JsonDocument.Parse(env.Out);
        var variables = settings.RootElement.GetProperty("variables");
        var address = $"{variables.GetProperty("CORTEX_BOOTSTRAP_REDIS_HOST").GetString()}:{variables.GetProperty("CORTEX_BOOTSTRAP_REDIS_PORT").GetString()}";
        var password = variables.GetProperty("CORTEX_BOOTSTRAP_REDIS_PASSWORD").GetString();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { address }, Password = password });
        var pong = await redis.GetDatabase(int.Parse(variables.GetProperty("CORTEX_BOOTSTRAP_REDIS_DB").GetString()!)).ExecuteAsync("PING");
        Assert.Equal("PONG", pong.ToString());
    }

    /// <summary>What Cortex is given: CORTEX_BOOTSTRAP_NATS_URL as `arc env` prints it (credentials in the URL, which nats.go reads).</summary>
    private static async Task<string> NatsUrlAsync(NativeStack stack) => (await Secrets.CredentialsNativeTests.EnvAsync(stack, "flash"))["CORTEX_BOOTSTRAP_NATS_URL"];

    private static async Task<JsonDocument> UpJsonAsync(NativeStack stack)
    {
        var up = await stack.ArcAsync("--json", "up", "flash");
        Assert.True(up.ExitCode == 0, up.Out + up.Err);
        return JsonDocument.Parse(up.Out);
    }

    private static List<(string, string)> Provisioned(JsonDocument up) =>
        [.. up.RootElement.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("codename").GetString() == "flash")
            .GetProperty("provisioned").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("action").GetString()!))];

    private static async Task AssertNoDriftAsync(NativeStack stack)
    {
        var list = await stack.ArcAsync("--json", "streams", "list");
        Assert.True(list.ExitCode == 0, list.Out + list.Err);
        using var document = JsonDocument.Parse(list.Out);
        Assert.All(document.RootElement.GetProperty("streams").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("drift").GetArrayLength()));
    }

    /// <summary>The server holds what Cortex asked for, and the server's defaults for the rest.</summary>
    private static async Task AssertCortexSettingsAsync(string url)
    {
        await using var connection = new NatsConnection(new NatsOpts { Url = url });
        await connection.ConnectAsync();
        foreach (var need in CortexStreamReplay.Streams(TempRepo.RealRoot))
        {
            using var info = await CortexStreamReplay.RequestAsync(connection, $"$JS.API.STREAM.INFO.{need.Name}", []);
            var config = info.RootElement.GetProperty("config");
            Assert.Equal(need.Subjects, config.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(need.Retention.ToString().ToLowerInvariant(), config.GetProperty("retention").GetString());
            Assert.Equal(need.MaxAge.Ticks * 100, config.GetProperty("max_age").GetInt64());
            Assert.Equal(("file", "old", -1L, -1L, 1), (config.GetProperty("storage").GetString(), config.GetProperty("discard").GetString(),
                config.GetProperty("max_bytes").GetInt64(), config.GetProperty("max_msgs").GetInt64(), config.GetProperty("num_replicas").GetInt32()));
        }
    }
}
