using System.Text.Json;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Redis;
using NATS.Client.Core;
using NATS.Client.JetStream;
using StackExchange.Redis;

namespace Arc.Platform.Tests.Bench;

/// <summary>A copy of the repository whose Sonic and Flash point at the test's own servers.</summary>
internal static class BenchRepo
{
    public static TempRepo For(int? redisPort = null, int? natsPort = null)
    {
        var repo = TempRepo.CopyOfRealRepo();
        if (redisPort is { } redis)
            repo.Replace("services/cache/service.yaml", "client: 6379", $"client: {{host: {redis}, container: 6379}}");
        if (natsPort is { } nats)
            repo.Replace("services/messaging/service.yaml", "client: 4222", $"client: {{host: {nats}, container: 4222}}");
        return repo;
    }

    public static readonly string[] JsonFields =
        ["service", "operation", "ops_per_sec", "p50_us", "p99_us", "clients", "size", "duration_s", "p999_us", "pipeline", "operations", "mb_per_sec"];

    public static JsonElement AssertBenchJson(ArcRunner.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Err);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.False(json.TryGetProperty("skipped", out var skipped), $"the benchmark was skipped: {skipped}");
        Assert.Equal(JsonFields.Order(), json.EnumerateObject().Select(p => p.Name).Order());
        return json;
    }

    /// <summary>Runs arc until <paramref name="started"/> sees the benchmark's own objects, then interrupts it as Ctrl-C does.</summary>
    public static async Task<ArcRunner.Result> InterruptOnceAsync(Func<Task<bool>> started, params string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        var running = ArcRunner.RunAsync(interrupt.Token, args);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await started() && !running.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.False(running.IsCompleted, "the benchmark ended before it could be interrupted");
        interrupt.Cancel();
        return await running;
    }
}

public sealed class RedisBenchTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [NativeTheory]
    [InlineData("set", "1")]
    [InlineData("get", "8")]
    [InlineData("mixed", "3")]
    public async Task Each_operation_prints_the_bench_json_and_leaves_no_key(string operation, string pipeline)
    {
        using var repo = BenchRepo.For(redisPort: redis.Port);

        var result = await ArcRunner.RunAsync("--root", repo.Root, "--json", "bench", "sonic", "--op", operation, "--requests", "240", "--clients", "3", "--pipeline", pipeline, "--size", "64");

        var json = BenchRepo.AssertBenchJson(result);
        Assert.Equal((operation, 240, int.Parse(pipeline)), (json.GetProperty("operation").GetString(), json.GetProperty("operations").GetInt32(), json.GetProperty("pipeline").GetInt32()));
        Assert.True(json.GetProperty("p999_us").GetDouble() >= json.GetProperty("p50_us").GetDouble());
        Assert.Empty(await BenchKeysAsync());
    }

    [NativeFact]
    public async Task An_interrupted_run_removes_its_keys()
    {
        using var repo = BenchRepo.For(redisPort: redis.Port);

        var result = await BenchRepo.InterruptOnceAsync(async () => (await BenchKeysAsync()).Length > 0,
            "--root", repo.Root, "bench", "sonic", "--duration", "60", "--clients", "4");

        Assert.Equal(130, result.ExitCode);
        Assert.Empty(await BenchKeysAsync());
    }

    private async Task<RedisKey[]> BenchKeysAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        return [.. connection.GetServer("127.0.0.1", redis.Port).Keys(pattern: "arc:bench:*")];
    }
}

/// <summary>A redis-server that takes few clients and small values, so both refusals can fire.</summary>
public sealed class LimitedRedisFixture : NativeServerFixture<RedisTechnology>
{
    public int Port => Service.Port("client").Host;

    protected override ServiceDefinition CreateService() => SampleServices.Redis(FreePorts.Next(), Directory.Path);

    protected override ComposeService LoadCompose() => SampleServices.LoadCompose(
        SampleServices.RedisCompose.Replace("\"noeviction\"]", "\"noeviction\", \"--maxclients\", \"6\", \"--proto-max-bulk-len\", \"1mb\"]"), Directory);
}

public sealed class RedisBenchLimitTests(LimitedRedisFixture redis) : IClassFixture<LimitedRedisFixture>
{
    [NativeTheory]
    [InlineData("--clients", "10", "maxclients 6")]
    [InlineData("--size", "2000000", "proto-max-bulk-len of 1048576 bytes")]
    public async Task What_the_server_will_not_take_is_refused_with_its_limit(string option, string value, string limit)
    {
        using var repo = BenchRepo.For(redisPort: redis.Port);

        var result = await ArcRunner.RunAsync("--root", repo.Root, "bench", "sonic", option, value, "--requests", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"arc: {option} {value} exceeds ", result.Err);
        Assert.Contains(limit, result.Err);
    }
}

public sealed class NatsBenchTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    private int Port => nats.Service.Port("client").Host;

    [NativeTheory]
    [InlineData("request-reply", false)]
    [InlineData("publish", false)]
    [InlineData("pubsub", false)]
    [InlineData("js-publish", false)]
    [InlineData("publish", true)]
    [InlineData("js-publish", true)]
    public async Task Each_operation_prints_the_bench_json_and_leaves_no_stream(string operation, bool raw)
    {
        using var repo = BenchRepo.For(natsPort: Port);
        string[] args = ["--root", repo.Root, "--json", "bench", "flash", "--op", operation, "--requests", "500", "--clients", "2", "--pipeline", "16", "--size", "64"];

        var json = BenchRepo.AssertBenchJson(await ArcRunner.RunAsync(raw ? [.. args, "--raw"] : args));

        Assert.Equal(raw ? $"raw-{operation}" : operation, json.GetProperty("operation").GetString());
        Assert.Equal(500, json.GetProperty("operations").GetInt32());
        Assert.Equal(operation == "publish" || raw, json.GetProperty("p50_us").ValueKind == JsonValueKind.Null);
        Assert.Empty(await BenchStreamsAsync());
    }

    [NativeFact]
    public async Task An_interrupted_JetStream_run_deletes_its_stream()
    {
        using var repo = BenchRepo.For(natsPort: Port);

        var result = await BenchRepo.InterruptOnceAsync(async () => (await BenchStreamsAsync()).Count > 0,
            "--root", repo.Root, "bench", "flash", "--op", "js-publish", "--duration", "60", "--pipeline", "64");

        Assert.Equal(130, result.ExitCode);
        Assert.Empty(await BenchStreamsAsync());
    }

    [NativeFact]
    public async Task A_payload_above_max_payload_is_refused_with_the_servers_limit()
    {
        using var repo = BenchRepo.For(natsPort: Port);

        var result = await ArcRunner.RunAsync("--root", repo.Root, "bench", "flash", "--op", "publish", "--size", "2000000", "--requests", "10");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("arc: --size 2000000 exceeds flash's max_payload of 1048576 bytes" + Environment.NewLine, result.Err);
    }

    private async Task<List<string>> BenchStreamsAsync()
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = nats.ClientUrl });
        var names = new List<string>();
        await foreach (var name in new NatsJSContext(connection).ListStreamNamesAsync())
            if (name.StartsWith("ARC_BENCH_", StringComparison.Ordinal))
                names.Add(name);
        return names;
    }
}
