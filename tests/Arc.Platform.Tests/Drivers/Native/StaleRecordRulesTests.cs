using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// What a run record proves, over a fake OS: a record whose supervisor is gone, or whose pid now belongs to
/// another process, describes nothing: status says not running, down and clean drop it, and nothing is
/// signalled. A live supervisor is running, starting or restarting by what its own children run.
/// </summary>
public sealed class StaleRecordRulesTests
{
    [SkippableFact]
    public async Task A_record_whose_supervisor_died_reads_not_running_and_down_removes_it_signalling_nothing()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, logger, server) = stack.Running();
        foreach (var process in new[] { supervisor, logger, server })
            stack.Host.Kill(process.Pid);

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);
        Assert.False(stack.Driver.IsRunning(stack.Service));
        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.False(info.Running);
        Assert.Equal("not running", info.Detail);
        Assert.False(stack.RecordExists, "down left the stale run record");
        Assert.Empty(stack.Host.Signals);
    }

    [SkippableFact]
    public async Task Clean_of_a_stale_record_removes_the_record_and_the_data_signalling_nothing()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        Directory.CreateDirectory(stack.DataDirectory);
        File.WriteAllText(Path.Combine(stack.DataDirectory, "dump.rdb"), "data");
        stack.Host.Kill(supervisor.Pid);
        stack.Host.Kill(server.Pid);

        await stack.Driver.CleanAsync(stack.Service, CancellationToken.None);

        Assert.False(stack.RecordExists);
        Assert.False(Directory.Exists(stack.DataDirectory));
        Assert.Empty(stack.Host.Signals);
    }

    /// <summary>The supervisor's pid now runs another program, or the same program started after the record was written.</summary>
    [SkippableTheory]
    [InlineData("/usr/bin/vim", false)]
    [InlineData(null, true)]
    public async Task A_reused_pid_is_never_signalled_reads_not_running_and_down_drops_the_record(string? otherProgram, bool laterStart)
    {
        await using var stack = new FakeHostStack();
        var (supervisor, logger, server) = stack.Running();
        foreach (var process in new[] { supervisor, logger, server })
            stack.Host.Kill(process.Pid);
        var stranger = stack.Host.Reuse(supervisor.Pid, otherProgram ?? stack.Shell, laterStart ? supervisor.StartTicks + 500 : supervisor.StartTicks);

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);
        var live = stack.Driver.LiveRecord(stack.Codename);
        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.False(info.Running);
        Assert.Null(live);
        Assert.Empty(stack.Host.Signals);
        Assert.True(stranger.Alive, "down ended the process that reused the pid");
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task Down_from_the_records_alone_of_a_stale_record_says_not_running_and_signals_nothing()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.Host.Kill(supervisor.Pid);
        stack.Host.Kill(server.Pid);
        stack.Host.Reuse(supervisor.Pid, "/usr/bin/python3");

        var stop = await stack.RecordedServers().StopAsync(stack.Codename, CancellationToken.None);

        Assert.Equal("not running (its stale run record was removed)", stop.Detail);
        Assert.Empty(stack.Host.Signals);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task A_live_supervisor_whose_own_child_sleeps_is_restarting_with_the_count_status_and_delay_it_wrote()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.Host.Kill(server.Pid);
        stack.ChildOf(supervisor, "sleep");
        stack.WriteRestarts("3 1 4\n");

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);

        Assert.False(info.Running);
        Assert.Equal($"supervisor pid {supervisor.Pid}", info.Identity);
        Assert.Equal($"restarting under supervisor pid {supervisor.Pid} (exit status 1, restart 3 in 4 s)", info.Detail);
        Assert.Equal(new RestartState(3, 1, 4), info.Restarting);
        Assert.True(stack.Driver.IsRunning(stack.Service), "a supervisor between restarts still runs the service");
    }

    [SkippableTheory]
    [InlineData("env")]
    [InlineData("sh")]
    public async Task A_live_supervisor_forking_the_server_anew_is_starting_not_restarting(string tool)
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.Host.Kill(server.Pid);
        stack.ChildOf(supervisor, tool);
        stack.WriteRestarts("2 1 2\n");

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);

        Assert.True(info.Running);
        Assert.Null(info.Restarting);
        Assert.Equal($"starting under supervisor pid {supervisor.Pid} (restarts: 2)", info.Detail);
    }

    [SkippableFact]
    public async Task A_sleep_that_is_not_the_supervisors_own_child_is_no_back_off()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.Host.Spawn(LaunchChain.Tool("sleep"), supervisor.Pid, server.Pid);
        stack.Host.Kill(server.Pid);

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);

        Assert.True(info.Running);
        Assert.StartsWith("starting under supervisor pid", info.Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_running_server_is_named_by_its_own_pid_and_start_not_the_supervisors()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.WriteRestarts("1 137 1\n");
        var since = stack.Host.StartedAt(server.Pid)!.Value;

        var info = await stack.Driver.InspectAsync(stack.Service, CancellationToken.None);

        Assert.True(info.Running);
        Assert.Equal($"pid {server.Pid}", info.Identity);
        Assert.Equal($"pid {server.Pid} as arc-test since {since:u}, restarts: 1", info.Detail);
        Assert.Equal(since, info.StartedAt);
        Assert.NotEqual(stack.Host.StartedAt(supervisor.Pid), info.StartedAt);
    }
}
