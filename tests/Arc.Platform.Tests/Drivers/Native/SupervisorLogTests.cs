using System.Globalization;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// The supervisor's logger: every line a server writes reaches the log, through any number of
/// rotations, the files stay bounded, and while a server runs the supervisor forks nothing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SupervisorLogTests
{
    [ReliabilityFact]
    public async Task Lines_written_as_fast_as_a_process_can_through_two_rotations_are_all_kept_in_order()
    {
        const int count = 1_500_000;
        await using var stack = NativeStack.Create();
        // About 11.8 MB of lines: with 4 MB files and three rotations kept, all of them fit, so all must be there.
        var limits = new LogLimits(4 * 1024 * 1024, 3);
        var files = await WriteThroughSupervisorAsync(stack, limits, $"seq 1 {count}", count);

        var numbers = Numbers(files, limits).ToList();

        Assert.True(File.Exists(files.Log + ".2"), "the log did not rotate twice");
        Assert.Equal(count, numbers.Count);
        Assert.Equal(Enumerable.Range(1, count), numbers);
    }

    [ReliabilityFact]
    public async Task Past_the_kept_rotations_the_oldest_lines_go_whole_files_at_a_time_and_no_file_passes_the_cap()
    {
        const int count = 200_000;
        await using var stack = NativeStack.Create();
        var limits = new LogLimits(64 * 1024, 3);
        var files = await WriteThroughSupervisorAsync(stack, limits, $"seq 1 {count}", count);

        var numbers = Numbers(files, limits).ToList();

        Assert.False(File.Exists(files.Log + ".4"));
        Assert.All(files.Rotations(limits.Keep).Prepend(files.Log), file => Assert.InRange(new FileInfo(file).Length, 1, limits.MaxBytes));
        // What is kept is one unbroken run that ends with the last line written.
        Assert.Equal(Enumerable.Range(count - numbers.Count + 1, numbers.Count), numbers);
    }

    [ReliabilityFact]
    public async Task While_the_server_runs_the_supervisor_forks_nothing()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("sonic");
        var supervisor = stack.Record("sonic").Server.Pid;
        var first = ProcessTable.GroupMembers(supervisor).Order().ToList();

        // The old rotation loop ran sleep 1 and stat every second: three seconds would show several new pids.
        var seen = new HashSet<int>(first);
        for (var i = 0; i < 150; i++)
        {
            seen.UnionWith(ProcessTable.GroupMembers(supervisor));
            await Task.Delay(20);
        }

        Assert.Equal(first, seen.Order());
        Assert.Equal(["cat", "dash", "redis-check-rdb", "split"],
            first.Select(pid => Path.GetFileName(ProcessTable.Executable(pid) ?? "")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_logger_is_named_by_the_prefix_that_down_uses_to_prove_it_without_a_record() =>
        Assert.Contains($"' - {SupervisorScript.LoggerPrefix}\n", SupervisorScript.Text);

    /// <summary>Runs <paramref name="script"/> under a supervisor of its own until its last line is logged, then stops it.</summary>
    private static async Task<SupervisedFiles> WriteThroughSupervisorAsync(NativeStack stack, LogLimits limits, string script, int lastLine)
    {
        // A started service prepares the state tree and the server user the writer runs as.
        await stack.UpHealthyAsync("sonic");
        var files = stack.Driver.Paths.Supervised("writer");
        var plan = new NativeLaunchPlan(LaunchChain.Tool("sh"), ["-c", $"{script}; exec sleep 600"], new Dictionary<string, string>(), null, []);
        var writer = await SupervisedLauncher.LaunchAsync(SystemNativeHost.Instance, "writer", plan, stack.Driver.Paths.DataDirectory("sonic"), files, limits);
        var expected = lastLine.ToString(CultureInfo.InvariantCulture);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (LogFileReader.Tail(files.Log, 1).Lines is not [var last] || last != expected)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"the log never reached line {expected}");
            await Task.Delay(50);
        }
        await new ProcessStopper(SystemNativeHost.Instance, TimeSpan.FromSeconds(5)).StopAsync(writer, CancellationToken.None);
        return files;
    }

    /// <summary>Every line of the kept files, oldest first, as numbers; but the shell's "Terminated" when the writer is stopped.</summary>
    private static IEnumerable<int> Numbers(SupervisedFiles files, LogLimits limits) =>
        files.Rotations(limits.Keep).Reverse().Append(files.Log)
            .SelectMany(File.ReadLines)
            .Where(line => line != "Terminated")
            .Select(line => int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new Xunit.Sdk.XunitException($"not a line the writer wrote: '{line}'"));
}
