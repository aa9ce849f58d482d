using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Lifecycle;

/// <summary>The rules `arc up` enforces, over a fake driver and technology: no server, milliseconds.</summary>
[Trait("Tier", "unit")]
public sealed class UpRulesTests
{
    private static readonly UpOptions Quick = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Dependency_layers_start_in_order_each_after_its_dependency_is_healthy_and_provisioned()
    {
        using var stack = FakeStack.Of("a", "b:a", "c:b");

        var result = await stack.Lifecycle().UpAsync(stack.Select("c", "b", "a"), Quick, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(["a", "b", "c"], stack.Log.Of("start"));
        Assert.True(stack.Log.First("provision", "a") < stack.Log.First("start", "b"));
        Assert.True(stack.Log.First("provision", "b") < stack.Log.First("start", "c"));
        Assert.Equal(["a", "b", "c"], result.Services.Select(s => s.Codename));
        Assert.All(result.Services, s => Assert.Equal(ServiceStatus.Healthy, s.Status));
    }

    [Fact]
    public async Task A_dependency_that_never_becomes_healthy_blocks_its_dependents_which_are_never_started()
    {
        using var stack = FakeStack.Of("a", "b:a", "c:b");
        stack.Driver.Dies("a");
        stack.Technology.Unhealthy("a");

        var result = await stack.Lifecycle().UpAsync(stack.Select("c"), Quick, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["a"], stack.Log.Of("start"));
        Assert.Equal(ServiceStatus.Unhealthy, Row(result, "a").Status);
        Assert.Contains("exited before it became healthy", Row(result, "a").Detail);
        Assert.Equal(ServiceStatus.Stopped, Row(result, "b").Status);
        Assert.Equal("not started: its dependency a is not healthy", Row(result, "b").Detail);
        Assert.Equal("not started: its dependency b is not healthy", Row(result, "c").Detail);
    }

    [Fact]
    public async Task A_process_unseen_for_a_few_quick_inspections_while_it_launches_is_not_taken_for_dead()
    {
        using var stack = FakeStack.Of("a");
        // Unseen for 100 ms, polled every few ms: the sightings that miss it all fall within less than
        // the 200 ms a process must stay unseen, however slowly the machine runs the loop.
        stack.Driver.UnseenWhileLaunching("a", TimeSpan.FromMilliseconds(100));
        stack.Technology.HealthyAfter("a", TimeSpan.FromMilliseconds(150));

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), Quick, CancellationToken.None);

        Assert.True(result.Success, Row(result, "a").Detail);
        Assert.Equal(ServiceStatus.Healthy, Row(result, "a").Status);
        // The first inspection follows the first probe at once, inside the window; how many more do
        // depends on the machine's speed (a stalled loop may manage one), so only that one is required.
        Assert.True(stack.Driver.UnseenSightings("a") >= 1, "no inspection fell inside the launch window");
    }

    [Fact]
    public async Task Up_waits_through_a_pending_restart_and_progress_says_restarting_with_the_count_and_delay()
    {
        using var stack = FakeStack.Of("a");
        // Down for longer than the 200 ms absence rule allows a process that is simply gone.
        stack.Driver.Restarting("a", new RestartState(1, 137, 1));
        stack.Technology.HealthyAfter("a", TimeSpan.FromMilliseconds(600));

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), Quick, CancellationToken.None);

        Assert.True(result.Success, Row(result, "a").Detail);
        Assert.Contains(stack.Events, e => e is { Codename: "a", Stage: LifecycleStage.Waiting } && e.Detail.StartsWith("restarting: exit status 137, restart 1 in 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_crash_loop_that_outlasts_the_timeout_fails_naming_the_exit_status_and_the_last_log_lines()
    {
        using var stack = FakeStack.Of("a");
        stack.Driver.Restarting("a", new RestartState(3, 1, 4));
        stack.Technology.Unhealthy("a");

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), new UpOptions { Timeout = TimeSpan.FromSeconds(1) }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains("not healthy after 1 s (restarting: exit status 1, restart 3 in 4 s", Row(result, "a").Detail);
        var failed = Assert.Single(stack.Events, e => e is { Codename: "a", Stage: LifecycleStage.Failed });
        Assert.Equal(["a line 1", "a line 2"], failed.LogTail);
    }

    [Fact]
    public async Task A_driver_failure_is_the_services_failed_row_and_blocks_its_dependents()
    {
        using var stack = FakeStack.Of("a", "b:a", "d");
        stack.Driver.FailsToStart("a", "a: port 40000 (client) on 127.0.0.1 is already in use");

        var result = await stack.Lifecycle().UpAsync(stack.Select("b", "d"), Quick, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Unhealthy, Row(result, "a").Status);
        Assert.Contains("already in use", Row(result, "a").Detail);
        Assert.Equal(ServiceStatus.Stopped, Row(result, "b").Status);
        Assert.Equal(ServiceStatus.Healthy, Row(result, "d").Status);
        Assert.Contains(stack.Events, e => e is { Codename: "a", Stage: LifecycleStage.Failed });
    }

    [Fact]
    public async Task A_provisioning_failure_becomes_a_failed_row_and_blocks_dependents()
    {
        using var stack = FakeStack.Of("a", "b:a");
        stack.Technology.ProvisionFails("a", "stream X refused");

        var result = await stack.Lifecycle().UpAsync(stack.Select("b"), Quick, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Unhealthy, Row(result, "a").Status);
        Assert.Equal("healthy, but provisioning failed: stream X refused", Row(result, "a").Detail);
        Assert.Equal(ServiceStatus.Stopped, Row(result, "b").Status);
    }

    [Fact]
    public async Task A_skipped_service_pulled_in_by_a_profile_does_not_fail_the_run()
    {
        using var stack = FakeStack.Of("a", "x");
        stack.Driver.RuntimeMissing("x", "install x-server");

        var result = await stack.Lifecycle().UpAsync(stack.Select("think"), Quick, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(ServiceStatus.Skipped, Row(result, "x").Status);
        Assert.Equal("install x-server", Row(result, "x").Detail);
        Assert.Equal(ServiceStatus.Healthy, Row(result, "a").Status);
    }

    [Fact]
    public async Task A_skipped_service_named_explicitly_fails_the_run()
    {
        using var stack = FakeStack.Of("a", "x");
        stack.Driver.RuntimeMissing("x");

        var result = await stack.Lifecycle().UpAsync(stack.Select("x"), Quick, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Skipped, Row(result, "x").Status);
    }

    [Fact]
    public async Task Strict_makes_a_skip_through_a_profile_fail_the_run()
    {
        using var stack = FakeStack.Of("a", "x");
        stack.Driver.RuntimeMissing("x");

        var result = await stack.Lifecycle().UpAsync(stack.Select("think"), Quick with { Strict = true }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Healthy, Row(result, "a").Status);
    }

    [Fact]
    public async Task No_wait_starts_and_reports_starting_without_probing_or_provisioning()
    {
        using var stack = FakeStack.Of("a", "b");

        var result = await stack.Lifecycle().UpAsync(stack.Select("a", "b"), Quick with { Wait = false }, CancellationToken.None);

        Assert.True(result.Success);
        Assert.All(result.Services, s => Assert.Equal(ServiceStatus.Starting, s.Status));
        Assert.Equal("started, pid 42; not waited for", Row(result, "a").Detail);
        Assert.Empty(stack.Log.Of("probe"));
        Assert.Empty(stack.Log.Of("provision"));
    }

    [Fact]
    public async Task An_already_running_service_is_adopted_probed_and_provisioned_not_started_again()
    {
        using var stack = FakeStack.Of("a");
        stack.Driver.AlreadyRunning("a");

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), Quick, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal("already running, pid 41", Row(result, "a").Detail);
        Assert.Contains(stack.Events, e => e is { Codename: "a", Stage: LifecycleStage.AlreadyRunning });
        Assert.Equal(["a"], stack.Log.Of("provision"));
    }

    [Fact]
    public async Task A_service_that_stays_unhealthy_fails_after_the_timeout_with_its_last_probe()
    {
        using var stack = FakeStack.Of("a");
        stack.Technology.Unhealthy("a", "PING refused");

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), Quick with { Timeout = TimeSpan.FromMilliseconds(30) }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ServiceStatus.Unhealthy, Row(result, "a").Status);
        Assert.Contains("not healthy after", Row(result, "a").Detail);
        Assert.Contains("PING refused", Row(result, "a").Detail);
        Assert.Empty(stack.Log.Of("provision"));
    }

    [Fact]
    public async Task Cancellation_keeps_what_started_running_stops_nothing_and_says_so()
    {
        using var stack = FakeStack.Of("a", "b");
        using var ctrlC = new CancellationTokenSource();
        stack.Technology.HangsWhenProbed("b", ctrlC.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stack.Lifecycle().UpAsync(stack.Select("a", "b"), Quick, ctrlC.Token));

        Assert.Equal(["a", "b"], stack.Log.Of("start").Order());
        Assert.Empty(stack.Log.Of("stop"));
        Assert.Empty(stack.Log.Of("clean"));
        Assert.True(stack.Driver.Running.ContainsKey("a"));
        Assert.True(stack.Driver.Running.ContainsKey("b"));
        Assert.Contains(stack.Events, e => e.Stage == LifecycleStage.Interrupted);
    }

    private static ServiceReport Row(LifecycleResult result, string codename) => result.Services.Single(s => s.Codename == codename);
}
