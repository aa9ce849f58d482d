using System.Diagnostics;
using System.Globalization;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// The real supervisor script with fake tools: a sleep that records its delay and returns at once, a date that
/// reads a clock file, and a "server" that advances that clock by the run time it is given and exits with the
/// status it is given. The back-off rules (1, 2, 4 … capped at 30 s; back to the first delay after a run of
/// 10 s; the plan's first delay) and the restarts file are checked without waiting a second.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SupervisorBackOffTests
{
    /// <summary>Each run is "SECONDS EXIT-STATUS"; quick deaths with status 1 unless said otherwise.</summary>
    private static string[] QuickDeaths(int count) => [.. Enumerable.Repeat("0 1", count)];

    [Fact]
    public async Task Quick_deaths_double_the_delay_from_1_s_up_to_the_30_s_cap()
    {
        using var supervisor = await SupervisedRuns.RunAsync(QuickDeaths(8));

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], supervisor.Sleeps());
    }

    [Theory]
    [InlineData(10, new[] { 1, 2, 1, 2 })]
    [InlineData(25, new[] { 1, 2, 1, 2 })]
    [InlineData(9, new[] { 1, 2, 4, 8 })]
    public async Task A_run_of_10_s_or_more_returns_the_delay_to_1_s_a_shorter_one_does_not(int thirdRunSeconds, int[] expected)
    {
        using var supervisor = await SupervisedRuns.RunAsync(["0 1", "0 1", $"{thirdRunSeconds} 1", "0 1"]);

        Assert.Equal(expected, supervisor.Sleeps());
    }

    [Theory]
    [InlineData(5, new[] { 5, 10, 20, 30, 30 })]
    [InlineData(20, new[] { 20, 30, 30, 30, 30 })]
    [InlineData(45, new[] { 45, 45, 45, 45, 45 })]
    public async Task A_plan_s_first_delay_is_the_first_wait_and_the_doubling_starts_from_it(int first, int[] expected)
    {
        using var supervisor = await SupervisedRuns.RunAsync(QuickDeaths(5), first);

        Assert.Equal(expected, supervisor.Sleeps());
    }

    [Fact]
    public async Task After_a_long_run_the_delay_returns_to_the_plan_s_first_delay_not_to_1_s()
    {
        using var supervisor = await SupervisedRuns.RunAsync(["0 1", "0 1", "60 1", "0 1"], first: 3);

        Assert.Equal([3, 6, 3, 6], supervisor.Sleeps());
    }

    [Fact]
    public async Task The_restarts_file_holds_the_count_the_last_exit_status_and_the_coming_delay_and_each_restart_is_logged()
    {
        using var supervisor = await SupervisedRuns.RunAsync(["0 3", "0 137", "0 42"]);

        Assert.Equal("3 42 4\n", File.ReadAllText(supervisor.Files.RestartsFile));
        Assert.Equal([
            "arc-supervise: restarting (exit status 3; restart 1 in 1 s)",
            "arc-supervise: restarting (exit status 137; restart 2 in 2 s)",
            "arc-supervise: restarting (exit status 42; restart 3 in 4 s)",
        ], await supervisor.RestartLinesAsync(3));
    }

    [Fact]
    public async Task SIGTERM_ends_the_supervisor_and_its_server_without_another_restart()
    {
        using var supervisor = await SupervisedRuns.RunAsync(QuickDeaths(2));

        await supervisor.StopAsync();

        Assert.False(ProcessTable.IsAlive(supervisor.ServerPid), "the server outlived its supervisor's SIGTERM");
        Assert.Equal(3, supervisor.Starts());
        Assert.Equal([1, 2], supervisor.Sleeps());
        Assert.Equal("2 1 2\n", File.ReadAllText(supervisor.Files.RestartsFile));
    }
}

/// <summary>One supervisor script run over fake sleep and date, until its server has used up its runs and stays up.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class SupervisedRuns : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private Process? _supervisor;

    private SupervisedRuns() => Files = new SupervisedFiles(_directory.File("server.log"), _directory.File("server.restarts"));

    public SupervisedFiles Files { get; }
    public int ServerPid => int.Parse(File.ReadAllText(_directory.File("server.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The delays the supervisor slept, in order.</summary>
    public IReadOnlyList<int> Sleeps() =>
        File.Exists(_directory.File("sleeps")) ? [.. File.ReadAllLines(_directory.File("sleeps")).Select(l => int.Parse(l, CultureInfo.InvariantCulture))] : [];

    /// <summary>How often the supervisor started the server.</summary>
    public int Starts() => int.Parse(File.ReadAllText(_directory.File("count")).Trim(), CultureInfo.InvariantCulture);

    public static async Task<SupervisedRuns> RunAsync(IReadOnlyList<string> runs, int first = 1)
    {
        var run = new SupervisedRuns();
        try
        {
            await run.StartAsync(runs, first);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    private async Task StartAsync(IReadOnlyList<string> runs, int first)
    {
        var d = _directory.Path;
        File.WriteAllLines(_directory.File("runs"), runs);
        File.WriteAllText(_directory.File("clock"), "1000\n");
        var sleep = Script("sleep", $"echo \"$1\" >>'{d}/sleeps'");
        var date = Script("date", $"cat '{d}/clock'");
        // Each start takes the next run: it moves the clock on by the run's length and exits with its status;
        // past the last run it records its pid and stays up, as a server that started well.
        var server = Script("server", $"""
            n=$(($(cat '{d}/count' 2>/dev/null || echo 0) + 1)); echo "$n" >'{d}/count'
            line=$(sed -n "$n"p '{d}/runs')
            if [ -z "$line" ]; then echo $$ >'{d}/server.pid.tmp'; mv '{d}/server.pid.tmp' '{d}/server.pid'; exec sleep 600; fi
            set -- $line
            echo $(($(cat '{d}/clock') + $1)) >'{d}/clock'
            exit "$2"
            """);
        File.WriteAllText(Files.RestartsFile, "0\n");
        var arguments = SupervisorScript.Arguments(Files, new LogLimits(1 << 20, 2), [LaunchChain.Tool("sh"), server], first)
            .Select(a => a == LaunchChain.Tool("sleep") ? sleep : a == LaunchChain.Tool("date") ? date : a);
        var info = new ProcessStartInfo(LaunchChain.Tool("sh")) { UseShellExecute = false };
        foreach (var argument in new[] { "-c", SupervisorScript.Text, "arc-supervise" }.Concat(arguments))
            info.ArgumentList.Add(argument);
        _supervisor = Process.Start(info)!;
        var clock = Stopwatch.StartNew();
        while (!File.Exists(_directory.File("server.pid")))
        {
            if (_supervisor.HasExited)
                throw new InvalidOperationException($"the supervisor exited with {_supervisor.ExitCode}");
            if (clock.Elapsed > Limit)
                throw new TimeoutException("the server never stayed up");
            await Task.Delay(5);
        }
    }

    /// <summary>SIGTERM, as `arc down` sends it, and the supervisor's exit.</summary>
    public async Task StopAsync()
    {
        Assert.True(PosixSignals.Signal(_supervisor!.Id, PosixSignals.SigTerm));
        using var timeout = new CancellationTokenSource(Limit);
        await _supervisor.WaitForExitAsync(timeout.Token);
    }

    /// <summary>The log's restart lines once there are <paramref name="count"/> (the logger writes them a moment later).</summary>
    public async Task<IReadOnlyList<string>> RestartLinesAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var lines = File.ReadAllLines(Files.Log).Where(l => l.StartsWith(SupervisorScript.RestartLine, StringComparison.Ordinal)).ToList();
            if (lines.Count >= count || clock.Elapsed > Limit)
                return lines;
            await Task.Delay(5);
        }
    }

    private string Script(string name, string body)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose()
    {
        if (_supervisor is { HasExited: false })
            _supervisor.Kill();
        if (File.Exists(_directory.File("server.pid")) && ProcessTable.IsAlive(ServerPid))
            PosixSignals.Signal(ServerPid, PosixSignals.SigKill);
        _supervisor?.WaitForExit();
        _supervisor?.Dispose();
        _directory.Dispose();
    }
}
