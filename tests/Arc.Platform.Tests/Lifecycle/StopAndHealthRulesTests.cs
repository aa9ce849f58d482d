using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Lifecycle;

/// <summary>The rules of `arc down|clean|health|status|logs`, over a fake driver and technology.</summary>
[Trait("Tier", "unit")]
public sealed class StopAndHealthRulesTests
{
    [Fact]
    public async Task Down_stops_dependents_before_what_they_depend_on()
    {
        using var stack = FakeStack.Of("a", "b:a", "c:b");
        foreach (var codename in new[] { "a", "b", "c" })
            stack.Driver.AlreadyRunning(codename);

        var result = await stack.Lifecycle().DownAsync(stack.Select("c"), new DownOptions(), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(["c", "b", "a"], stack.Log.Of("stop"));
        Assert.All(result.Services, s => Assert.Equal("stopped; data kept", s.Detail));
        Assert.Equal(["a", "b", "c"], result.Services.Select(s => s.Codename));
    }

    [Fact]
    public async Task Clean_deletes_in_reverse_order_too()
    {
        using var stack = FakeStack.Of("a", "b:a");

        var result = await stack.Lifecycle().CleanAsync(stack.Select("b"), new CleanOptions { RemoveImages = true }, CancellationToken.None);

        Assert.Equal(["b", "a"], stack.Log.Of("clean"));
        Assert.All(result.Services, s => Assert.Equal("stopped; data deleted", s.Detail));
        Assert.Contains(stack.Events, e => e is { Codename: "a", Stage: LifecycleStage.Cleaned });
    }

    [Fact]
    public async Task Down_of_a_service_whose_runtime_is_missing_is_skipped_and_stops_nothing()
    {
        using var stack = FakeStack.Of("x");
        stack.Driver.RuntimeMissing("x");

        var result = await stack.Lifecycle().DownAsync(stack.Select("x"), new DownOptions(), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(ServiceStatus.Skipped, result.Services[0].Status);
        Assert.Equal("not installed here; nothing to stop", result.Services[0].Detail);
        Assert.Empty(stack.Log.Of("stop"));
    }

    [Fact]
    public async Task Health_fails_for_a_skip_only_when_the_service_was_named()
    {
        using var stack = FakeStack.Of("a", "x");
        stack.Driver.AlreadyRunning("a").RuntimeMissing("x");
        var lifecycle = stack.Lifecycle();

        var throughProfile = await lifecycle.HealthAsync(stack.Select("think"), new HealthOptions(), CancellationToken.None);
        var named = await lifecycle.HealthAsync(stack.Select("x"), new HealthOptions(), CancellationToken.None);

        Assert.True(throughProfile.Success);
        Assert.Equal(ServiceStatus.Skipped, throughProfile.Services.Single(s => s.Codename == "x").Status);
        Assert.False(named.Success);
    }

    [Fact]
    public async Task Health_fails_for_an_unhealthy_service_and_tells_a_stopped_one_from_a_running_one()
    {
        using var stack = FakeStack.Of("a", "b");
        stack.Driver.AlreadyRunning("a");
        stack.Technology.Unhealthy("a").Unhealthy("b");

        var result = await stack.Lifecycle().HealthAsync(stack.Select("a", "b"), new HealthOptions(), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Unhealthy, result.Services.Single(s => s.Codename == "a").Status);
        Assert.Equal(ServiceStatus.Stopped, result.Services.Single(s => s.Codename == "b").Status);
    }

    [Fact]
    public async Task Deep_health_uses_the_technologys_round_trip()
    {
        using var stack = FakeStack.Of("a");
        stack.Driver.AlreadyRunning("a");

        var result = await stack.Lifecycle().HealthAsync(stack.Select("a"), new HealthOptions { Deep = true }, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("round trip ok", result.Services[0].Detail);
        Assert.Equal(["a"], stack.Log.Of("deep-probe"));
        Assert.Empty(stack.Log.Of("probe"));
    }

    [Fact]
    public async Task Status_lists_every_service_with_its_runtime_and_fails_as_health_does_when_one_is_not_healthy()
    {
        using var stack = FakeStack.Of("a", "b");
        stack.Driver.AlreadyRunning("a");
        stack.Technology.Unhealthy("b");

        var result = await stack.Lifecycle().StatusAsync(new StatusOptions(), CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["a", "b"], result.Services.Select(s => s.Codename).Order());
        Assert.StartsWith("pid 42 (fake); ports 127.0.0.1:40000; ", result.Services.Single(s => s.Codename == "a").Detail);
    }

    [Fact]
    public async Task Status_succeeds_when_every_service_is_healthy_or_skipped_none_being_named()
    {
        using var stack = FakeStack.Of("a", "b");
        stack.Driver.AlreadyRunning("a");
        stack.Driver.RuntimeMissing("b");

        var result = await stack.Lifecycle().StatusAsync(new StatusOptions(), CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Services.Select(s => $"{s.Codename} {s.Status}: {s.Detail}")));
        Assert.Equal(ServiceStatus.Skipped, result.Services.Single(s => s.Codename == "b").Status);
    }

    [Fact]
    public async Task Health_and_status_say_restarting_while_the_driver_reports_a_pending_restart()
    {
        using var stack = FakeStack.Of("a");
        stack.Driver.Restarting("a", new RestartState(2, 137, 2));
        stack.Technology.Unhealthy("a");

        var health = await stack.Lifecycle().HealthAsync(stack.Select("a"), new HealthOptions(), CancellationToken.None);
        var status = await stack.Lifecycle().StatusAsync(new StatusOptions(), CancellationToken.None);

        Assert.False(health.Success);
        Assert.Equal(ServiceStatus.Restarting, health.Services.Single().Status);
        Assert.Equal(ServiceStatus.Restarting, status.Services.Single().Status);
        Assert.False(status.Success);
    }

    [Fact]
    public async Task Logs_prefix_each_line_with_its_codename_padded_to_the_widest()
    {
        using var stack = FakeStack.Of("a", "bb");

        var lines = new List<string>();
        await foreach (var line in stack.Lifecycle().LogsAsync(stack.Select("a", "bb"), new LogOptions(), CancellationToken.None))
            lines.Add(line);

        Assert.Equal(["a  | a line 1", "a  | a line 2", "bb | bb line 1", "bb | bb line 2"], lines);
    }
}
