using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// How down stops what a record proves, over a fake OS whose clock moves only while the driver waits:
/// SIGTERM to the supervisor's group, SIGKILL once the grace is over, remnants of a killed supervisor,
/// and the loopback audit that stops a service listening off 127.0.0.1.
/// </summary>
public sealed class StopRulesTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static SentSignal Term(int group) => new(group, true, PosixSignals.SigTerm);
    private static SentSignal Kill(int group) => new(group, true, PosixSignals.SigKill);

    [SkippableFact]
    public async Task Down_sends_SIGTERM_to_the_supervisors_group_and_nothing_more_when_the_group_ends()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, logger, server) = stack.Running();

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.Equal([Term(supervisor.Pid)], stack.Host.Signals);
        Assert.False(server.Alive || logger.Alive || supervisor.Alive);
        Assert.False(stack.RecordExists);
        Assert.True(stack.Host.Elapsed < Grace, $"down waited {stack.Host.Elapsed} for a group that ended at once");
    }

    [SkippableFact]
    public async Task A_group_that_ignores_SIGTERM_gets_SIGKILL_once_the_grace_is_over_and_not_before()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, _, server) = stack.Running();
        supervisor.IgnoresTerm = true;
        server.IgnoresTerm = true;

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.Equal([Term(supervisor.Pid), Kill(supervisor.Pid)], stack.Host.Signals);
        Assert.InRange(stack.Host.Elapsed, Grace, Grace + TimeSpan.FromSeconds(1));
        Assert.False(server.Alive);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task A_supervisor_that_survives_SIGKILL_fails_down_and_keeps_the_record_for_the_next_try()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, _, _) = stack.Running();
        supervisor.IgnoresTerm = true;
        supervisor.SurvivesKill = true;

        var failure = await Assert.ThrowsAsync<DriverException>(() => stack.Driver.StopAsync(stack.Service, CancellationToken.None));

        Assert.Equal($"{stack.Codename} (pid {supervisor.Pid}) survived SIGKILL", failure.Message);
        Assert.True(stack.RecordExists, "a record whose supervisor still runs was removed");
    }

    [SkippableFact]
    public async Task A_logger_that_outlives_its_supervisor_past_the_grace_is_killed_with_its_group()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, logger, _) = stack.Running();
        logger.IgnoresTerm = true;

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.Equal([Term(supervisor.Pid), Kill(supervisor.Pid)], stack.Host.Signals);
        Assert.False(logger.Alive);
        Assert.InRange(stack.Host.Elapsed, Grace, Grace + TimeSpan.FromSeconds(1));
    }

    [SkippableFact]
    public async Task The_server_left_by_a_supervisor_killed_with_9_is_killed_through_the_group_the_record_names()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, logger, server) = stack.Running();
        stack.Host.Kill(supervisor.Pid);

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.Equal([Kill(supervisor.Pid)], stack.Host.Signals);
        Assert.False(server.Alive || logger.Alive);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task A_group_left_without_the_recorded_programs_is_not_signalled()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, logger, server) = stack.Running();
        stack.Host.Kill(supervisor.Pid);
        stack.Host.Kill(server.Pid);

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.Empty(stack.Host.Signals);
        Assert.True(logger.Alive);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task A_listener_off_loopback_stops_the_service_and_is_named()
    {
        await using var stack = new FakeHostStack(Grace);
        var (supervisor, _, server) = stack.Running();
        server.OffLoopback.Add($"pid {server.Pid} (redis-server) listens on 0.0.0.0:{FakeHostStack.ClientPort}");

        var verdict = await stack.Driver.EnforceLoopbackAsync(stack.Service, CancellationToken.None);

        Assert.Equal($"stopped: it listened off loopback (pid {server.Pid} (redis-server) listens on 0.0.0.0:{FakeHostStack.ClientPort}); " +
            "arc runs services on 127.0.0.1 only", verdict);
        Assert.Equal([Term(supervisor.Pid)], stack.Host.Signals);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task Listeners_on_loopback_only_leave_the_service_running()
    {
        await using var stack = new FakeHostStack(Grace);
        stack.Running();

        Assert.Null(await stack.Driver.EnforceLoopbackAsync(stack.Service, CancellationToken.None));
        Assert.Empty(stack.Host.Signals);
        Assert.True(stack.RecordExists);
    }
}
