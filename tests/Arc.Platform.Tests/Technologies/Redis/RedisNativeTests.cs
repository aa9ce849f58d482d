using Xunit;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Redis;
using StackExchange.Redis;

namespace Arc.Platform.Tests.Technologies.Redis;

public class RedisNativeTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [NativeFact]
    public void Server_from_the_derived_plan_listens_only_on_loopback()
    {
        Assert.Equal([$"127.0.0.1:{redis.Port}"], ListeningSockets.Of(redis.Server.Pid));
    }

    [NativeTheory]
    [InlineData("appendonly", "yes")]
    [InlineData("appendfsync", "everysec")]
    [InlineData("maxmemory", "536870912")]
    [InlineData("maxmemory-policy", "noeviction")]
    [InlineData("protected-mode", "yes")]
    public async Task Config_get_shows_the_compose_persistence_and_memory_settings(string parameter, string expected)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");

        var values = await admin.GetServer("127.0.0.1", redis.Port).ConfigGetAsync(parameter);

        Assert.Equal(expected, Assert.Single(values).Value);
    }

    [NativeFact]
    public async Task Config_get_dir_is_the_planned_data_directory()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},allowAdmin=true");

        var values = await admin.GetServer("127.0.0.1", redis.Port).ConfigGetAsync("dir");

        Assert.Equal(Path.Combine(redis.Directory.Path, "data"), Assert.Single(values).Value);
    }

    [NativeFact]
    public async Task Probe_of_a_running_server_is_healthy()
    {
        var result = await redis.Technology.ProbeAsync(redis.Service, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
    }

    [NativeFact]
    public async Task Probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var result = await new RedisTechnology().ProbeAsync(SampleServices.Redis(FreePorts.Next()), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("PING on 127.0.0.1", result.Detail);
    }

    [NativeFact]
    public async Task Exporter_sidecar_from_the_plan_serves_redis_metrics_on_loopback_only()
    {
        var plan = Assert.Single(redis.Plan.Sidecars.Count > 0 ? redis.Plan.Sidecars : [Arc.Platform.Drivers.Native.NativeLaunchPlan.Missing("absent")]);
        Skip.If(plan.MissingRuntimeRemedy is not null, "prometheus-redis-exporter is not installed");
        await using var exporter = NativeServerProcess.Start(plan);
        var metricsUrl = $"http://127.0.0.1:{redis.Service.Metrics!.Port}/metrics";
        await exporter.WaitHealthyAsync(ct => HttpProbe.GetAsync(metricsUrl, body => body.Contains("redis_up 1"), ct));

        Assert.Equal([$"127.0.0.1:{redis.Service.Metrics!.Port}"], ListeningSockets.Of(exporter.Pid));
    }
}
