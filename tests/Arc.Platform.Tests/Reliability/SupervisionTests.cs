using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Reliability;

/// <summary>
/// Native servers restart as compose's <c>restart: unless-stopped</c> restarts containers: a server that
/// dies comes back (counted in status), and nothing comes back after `down`.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SupervisionTests
{
    [ReliabilityTheory]
    [InlineData("sonic", 9)]
    [InlineData("sonic", 15)]
    [InlineData("flash", 9)]
    public async Task A_server_that_dies_is_restarted_with_its_data_and_status_counts_the_restart(string codename, int signal)
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync(codename)).Success);
        var first = stack.ServerPid(codename);

        Assert.Equal(0, Kill(first, signal));
        var second = await RestartedAsync(stack, codename, first);
        var health = await stack.ArcAsync("health", codename, "--driver", "native");
        var status = await stack.Lifecycle().StatusAsync(new StatusOptions { Driver = DriverChoice.Native }, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(0, health.ExitCode);
        Assert.Contains("restarts: 1", Row(status, codename).Detail);
        Assert.Contains($"pid {second} ", Row(status, codename).Detail);
        Assert.Contains(SupervisorScript.RestartLine, string.Join('\n', File.ReadAllLines(stack.Driver.Paths.LogFile(codename))));
    }

    [ReliabilityFact]
    public async Task After_down_nothing_is_restarted()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var supervisor = stack.Record("sonic").Server.Pid;
        var port = stack.Service("sonic").Port("client").Host;

        await stack.DownAsync("sonic");
        // Longer than the first back-off: a supervisor that outlived down would have restarted the server by now.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.False(ProcessFacts.IsAlive(supervisor));
        Assert.False(PortCheck.IsAnswering(port));
        Assert.DoesNotContain(ProcessTable.AllPids(), pid => ProcessTable.CommandLine(pid).Contains(stack.Root, StringComparison.Ordinal));
    }

    [ReliabilityFact]
    public async Task A_killed_supervisor_leaves_a_server_that_the_next_up_replaces_and_down_leaves_nothing()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var supervisor = stack.Record("sonic").Server.Pid;
        var server = stack.ServerPid("sonic");
        Assert.Equal(0, Kill(supervisor, 9));
        await Poll.UntilAsync(() => !ProcessFacts.IsAlive(supervisor), "the killed supervisor to be gone");

        var again = await stack.UpAsync("sonic");

        Assert.True(again.Success, Describe(again));
        Assert.StartsWith("started", Row(again, "sonic").Detail);
        Assert.False(ProcessFacts.IsAlive(server), "the orphaned server still runs");
        await stack.DownAsync("sonic");
        Assert.DoesNotContain(ProcessTable.AllPids(), pid => ProcessTable.CommandLine(pid).Contains(stack.Root, StringComparison.Ordinal));
    }

    [ReliabilityFact]
    public async Task A_crash_loop_fails_up_only_once_the_timeout_is_spent_naming_the_exit_status_and_the_last_log_lines()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/cache/docker-compose.yml", "\"--appendonly\",", "\"--no-such-flag\", \"x\", \"--appendonly\","));

        // Restarts at about 0, 1 and 3 s; the third back-off (4 s) is under way when the 4 s are spent.
        var result = await stack.UpAsync(new UpOptions { Timeout = TimeSpan.FromSeconds(4) }, "sonic");
        var status = await stack.Lifecycle().StatusAsync(new StatusOptions { Driver = DriverChoice.Native }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains("not healthy after 4 s (restarting: exit status 1, restart ", Row(result, "sonic").Detail);
        var failed = Assert.Single(stack.Events, e => e is { Codename: "sonic", Stage: LifecycleStage.Failed });
        Assert.Contains(failed.LogTail!, line => line.Contains("no-such-flag", StringComparison.Ordinal));
        Assert.Contains(failed.LogTail!, line => line.StartsWith("arc-supervise: restarting (exit status 1; restart 2 in 2 s)", StringComparison.Ordinal));
        Assert.Equal(ServiceStatus.Restarting, Row(status, "sonic").Status);
        Assert.Contains("restarting under supervisor pid", Row(status, "sonic").Detail);
    }

    [ReliabilityFact]
    public async Task Kill_9_of_both_servers_then_up_at_once_exits_0_with_both_healthy()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var killed = new[] { stack.ServerPid("flash"), stack.ServerPid("sonic") };

        Assert.All(killed, pid => Assert.Equal(0, Kill(pid, 9)));
        var up = await stack.ArcAsync("--json", "up", "flash", "sonic", "--driver", "native", "--timeout", "60");

        Assert.Equal(0, up.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(up.Out);
        Assert.All(document.RootElement.GetProperty("services").EnumerateArray(), row => Assert.Equal("healthy", row.GetProperty("status").GetString()));
        Assert.DoesNotContain(stack.ServerPid("flash"), killed);
        Assert.DoesNotContain(stack.ServerPid("sonic"), killed);
    }

    [ReliabilityFact]
    public async Task Status_and_health_say_restarting_during_the_back_off_and_exit_1()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash");
        var supervisor = stack.Record("flash").Server.Pid;

        Assert.Equal(0, Kill(stack.ServerPid("flash"), 9));
        // The supervisor reaps the server and starts its 1 s back-off: its own sleep says so.
        await Poll.UntilAsync(() => SupervisorScript.IsBackingOff(SupervisorScript.ChildrenOf(supervisor)), "the supervisor's back-off after kill -9");
        var status = await stack.ArcAsync("--json", "status", "--driver", "native");
        var health = await stack.ArcAsync("--json", "health", "flash", "--driver", "native");

        Assert.Equal(1, status.ExitCode);
        Assert.Equal(1, health.ExitCode);
        Assert.Equal("restarting", SingleRow(status.Out, "flash").GetProperty("status").GetString());
        Assert.Equal("restarting", SingleRow(health.Out, "flash").GetProperty("status").GetString());
        Assert.Contains("exit status 137, restart 1 in 1 s", SingleRow(status.Out, "flash").GetProperty("detail").GetString());
    }

    [ReliabilityFact]
    public async Task Status_exits_0_when_every_service_is_healthy_or_skipped_and_1_once_one_is_stopped()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");

        var allUp = await stack.ArcAsync("status", "--driver", "native");
        await stack.DownAsync("sonic");
        var oneDown = await stack.ArcAsync("status", "--driver", "native");

        Assert.Equal(0, allUp.ExitCode);
        Assert.Equal(1, oneDown.ExitCode);
        Assert.Contains("stopped", oneDown.Out);
    }

    [ReliabilityFact]
    public async Task Status_after_a_restart_shows_when_the_current_server_started_and_the_restart_count()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var first = stack.ServerPid("sonic");
        var supervisorStart = stack.Record("sonic").Server.StartedAt;
        // Whole seconds in the detail: a restart a second later shows a later time.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(0, Kill(first, 9));
        var second = await RestartedAsync(stack, "sonic", first);
        var status = await stack.ArcAsync("status", "--driver", "native");

        var since = ProcessTable.StartedAt(second)!.Value;
        Assert.True(since > supervisorStart.AddSeconds(1), $"{since:u} is not after the first start {supervisorStart:u}");
        Assert.Contains($"pid {second} as ", status.Out);
        Assert.Contains($"since {since:u}, restarts: 1", status.Out);
    }

    [ReliabilityFact]
    public async Task The_back_off_doubles_for_a_quick_death_and_returns_to_1_s_after_a_run_of_10_s()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var log = stack.Driver.Paths.LogFile("sonic");

        Assert.Equal(0, Kill(stack.ServerPid("sonic"), 9));
        var second = await RestartedAsync(stack, "sonic", 0);
        Assert.Equal(0, Kill(second, 9));
        var third = await RestartedAsync(stack, "sonic", second);
        // Compose counts a run of 10 s as a successful start; this one lasted longer.
        await Task.Delay(TimeSpan.FromSeconds(11));
        Assert.Equal(0, Kill(third, 9));
        await RestartedAsync(stack, "sonic", third);

        var lines = File.ReadAllLines(log).Where(l => l.Contains(SupervisorScript.RestartLine, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("restart 1 in 1 s", lines[0]);
        Assert.Contains("restart 2 in 2 s", lines[1]);
        Assert.Contains("restart 3 in 1 s", lines[2]);
    }

    [ReliabilityTheory]
    [InlineData("sleep 300 & wait", true)]
    [InlineData("tail -f /dev/null & wait", false)]
    [InlineData("(sleep 300; true) & wait", false)]
    public async Task Only_the_supervisors_own_sleep_is_a_back_off_anything_else_it_runs_is_a_launch(string script, bool backingOff)
    {
        // The rotator's sleep is a grandchild, as in the third script; a launch runs sh, env or the server.
        using var supervisor = ForeignProcess.Start("setsid", "sh", "-c", script);
        // A child is listed from its fork, still running the shell: wait until it has exec'd its program.
        var program = script.Contains("tail", StringComparison.Ordinal) ? "tail" : "sleep";
        await Poll.UntilAsync(() => ProcessTable.GroupMembers(supervisor.Pid).Any(pid => ProcessTable.Executable(pid) is { } exe && Path.GetFileName(exe) == program),
            $"{program} to run in the supervisor's group");

        Assert.Equal(backingOff, SupervisorScript.IsBackingOff(SupervisorScript.ChildrenOf(supervisor.Pid)));
    }

    private static async Task<string> LogWithAsync(string file, string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var log = File.ReadAllText(file);
            if (log.Contains(text, StringComparison.Ordinal))
                return log;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{file} never said '{text}'");
    }

    private static async Task<int> RestartedAsync(NativeStack stack, string codename, int dead)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (NativeDriver.ServerPid(stack.Record(codename).Server) is { } pid && pid != dead
                && (await stack.Lifecycle().HealthAsync(stack.Registry().Resolve([codename]), new HealthOptions { Driver = DriverChoice.Native }, CancellationToken.None)).Success)
                return pid;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{codename} was not restarted");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
