using Arc.Platform.Processes;

namespace Arc.Platform.Tests.Processes;

/// <summary>The one child-process runner, against real /bin/sh children.</summary>
[Trait("Tier", "unit")]
public sealed class ChildProcessTests
{
    private const int LargeOutput = 1_000_000;

    private static ChildCommand Shell(string script) => new("/bin/sh", ["-c", script]);

    [Fact]
    public async Task A_child_that_runs_to_the_end_gives_its_exit_code_stdout_and_stderr()
    {
        var result = await ChildProcess.RunAsync(Shell("echo out; echo err >&2; exit 3"), CancellationToken.None);

        Assert.Equal((3, "out\n", "err\n"), (result.ExitCode, result.Output, result.Error));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_program_that_cannot_be_started_is_a_not_runnable_result_not_an_exception()
    {
        var result = await ChildProcess.RunAsync(new ChildCommand("/nonexistent/arc-test-program", []), CancellationToken.None);

        Assert.Equal(ChildResult.NotRunnable, result.ExitCode);
        Assert.StartsWith("could not run /nonexistent/arc-test-program: ", result.Error);
    }

    [Fact]
    public async Task A_child_past_its_time_limit_is_killed_with_its_descendants_and_reported_timed_out()
    {
        var result = await ChildProcess.RunAsync(Shell("sleep 60 & echo $$ $!; wait"), CancellationToken.None, TimeSpan.FromSeconds(1));

        Assert.Equal(ChildResult.TimedOut, result.ExitCode);
        Assert.Equal("/bin/sh did not finish within 1 s", result.Error);
        foreach (var pid in result.Output.Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse))
            Assert.True(await IsGoneAsync(pid), $"pid {pid} survived the time limit");
    }

    [Fact]
    public async Task Cancellation_kills_the_child_and_throws()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pid");
        using var cancel = new CancellationTokenSource();
        var run = ChildProcess.RunAsync(Shell($"echo $$ > {pidFile}; exec sleep 60"), cancel.Token);
        var pid = await ReadPidAsync(pidFile);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await IsGoneAsync(pid), $"pid {pid} survived cancellation");
    }

    [Fact]
    public async Task Megabytes_on_both_streams_do_not_deadlock_and_arrive_whole()
    {
        var result = await ChildProcess.RunAsync(Shell(LargeOnBothStreams), CancellationToken.None);

        Assert.Equal((0, LargeOutput, LargeOutput), (result.ExitCode, result.Output.Length, result.Error.Length));
        Assert.All(result.Output, c => Assert.Equal('x', c));
    }

    [Fact]
    public void The_synchronous_run_also_drains_both_streams()
    {
        var result = ChildProcess.Run(Shell(LargeOnBothStreams + "; exit 4"));

        Assert.Equal((4, LargeOutput, LargeOutput), (result.ExitCode, result.Output.Length, result.Error.Length));
    }

    [Fact]
    public async Task Only_this_environment_gives_the_child_exactly_the_variables_named()
    {
        var command = new ChildCommand("/usr/bin/env", [])
        {
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["ARC_TEST"] = "1" },
            OnlyThisEnvironment = true,
        };

        var result = await ChildProcess.RunAsync(command, CancellationToken.None);

        Assert.Equal(["ARC_TEST=1", "PATH=/usr/bin:/bin"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Added_variables_come_on_top_of_arcs_own_environment_and_the_directory_is_set()
    {
        var command = Shell("echo \"$ARC_TEST $HOME\"; pwd") with { Environment = new Dictionary<string, string> { ["ARC_TEST"] = "added" }, WorkingDirectory = "/" };

        var result = await ChildProcess.RunAsync(command, CancellationToken.None);

        Assert.Equal($"added {Environment.GetEnvironmentVariable("HOME")}\n/\n", result.Output);
    }

    [Fact]
    public async Task Lines_arrive_from_both_streams_until_the_child_exits()
    {
        var lines = new List<string>();
        await foreach (var line in ChildProcess.LinesAsync(Shell("echo one; echo two >&2; echo three"), CancellationToken.None))
            lines.Add(line);

        Assert.Equal(["one", "three", "two"], lines.Order());
    }

    [Fact]
    public async Task A_detached_start_returns_the_pid_of_the_running_child()
    {
        var pid = ChildProcess.StartDetached(Shell("exec sleep 60"), "sleeper");
        try
        {
            // The pid is the shell's until it has exec'd: the same pid then runs sleep.
            var command = "";
            for (var attempt = 0; attempt < 500 && command != "sleep"; attempt++, await Task.Delay(10))
                command = File.ReadAllText($"/proc/{pid}/comm").Trim();
            Assert.Equal("sleep", command);
        }
        finally
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public void A_detached_start_that_cannot_run_is_a_driver_error_naming_what_was_started()
    {
        var error = Assert.Throws<DriverException>(() => ChildProcess.StartDetached(new ChildCommand("/nonexistent/arc-test-program", []), "nats-server"));

        Assert.StartsWith("could not start nats-server: ", error.Message);
    }

    private const string LargeOnBothStreams = "head -c 1000000 /dev/zero | tr '\\0' x; head -c 1000000 /dev/zero | tr '\\0' y >&2";

    private static async Task<int> ReadPidAsync(string file)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid))
                return pid;
            await Task.Delay(10);
        }
        throw new TimeoutException($"the child never wrote {file}");
    }

    /// <summary>Gone, or a zombie waiting to be reaped: either way it no longer runs (the kit's reader tolerates a reap between reads).</summary>
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (!ProcessFacts.IsAlive(pid))
                return true;
            await Task.Delay(10);
        }
        return false;
    }
}
