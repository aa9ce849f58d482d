using Arc.Platform.Technologies.Redis;
using StackExchange.Redis;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Redis;

public class RedisDeepProbeTests
{
    [NativeFact]
    public async Task Deep_probe_sets_reads_and_deletes_a_key_and_leaves_nothing_behind()
    {
        await using var redis = new RedisServerFixture();
        await redis.InitializeAsync();

        var result = await redis.Technology.DeepProbeAsync(redis.Service, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        Assert.Equal(0, await admin.GetServer("127.0.0.1", redis.Port).DatabaseSizeAsync());
    }

    [NativeFact]
    public async Task Deep_probe_reports_a_full_noeviction_cache_as_unhealthy()
    {
        await using var redis = new RedisServerFixture();
        await redis.InitializeAsync();
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");
        await admin.GetServer("127.0.0.1", redis.Port).ConfigSetAsync("maxmemory", "1");

        var result = await redis.Technology.DeepProbeAsync(redis.Service, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("OOM", result.Detail);
    }

    [NativeFact]
    public async Task Deep_probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var result = await new RedisTechnology().DeepProbeAsync(SampleServices.Redis(FreePorts.Next()), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("127.0.0.1", result.Detail);
    }
}
