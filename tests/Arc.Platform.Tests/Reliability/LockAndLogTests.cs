using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Reliability;

/// <summary>The lock wait is bounded and says who holds it; logs are read from their end and rotate at a cap.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LockAndLogTests
{
    [ReliabilityFact]
    public async Task The_lock_wait_ends_at_the_timeout_naming_the_holders_pid()
    {
        using var repo = new TempDirectory();
        using var held = await InvocationLock.AcquireAsync(repo.Path, _ => { }, CancellationToken.None);
        var notes = new List<string>();

        var error = await Assert.ThrowsAsync<DriverException>(() => InvocationLock.AcquireAsync(repo.Path, notes.Add, TimeSpan.FromMilliseconds(200), CancellationToken.None));

        Assert.Contains($"pid {Environment.ProcessId}:", error.Message);
        Assert.Contains("still holds", error.Message);
        Assert.Contains($"pid {Environment.ProcessId}:", Assert.Single(notes));
    }

    [ReliabilityFact]
    public async Task A_read_only_state_directory_fails_the_lock_at_once()
    {
        using var repo = new TempDirectory();
        var state = Directory.CreateDirectory(Path.Combine(repo.Path, ".arc")).FullName;
        using var immutable = Immutable.Make(state);

        var error = await Assert.ThrowsAsync<DriverException>(() => InvocationLock.AcquireAsync(repo.Path, _ => { }, TimeSpan.FromHours(1), CancellationToken.None));

        Assert.Contains($"{state} is read-only", error.Message);
    }

    [ReliabilityFact]
    public void The_tail_of_a_large_log_is_read_without_loading_the_file()
    {
        using var repo = new TempDirectory();
        var log = Path.Combine(repo.Path, "big.log");
        using (var writer = new StreamWriter(log))
        {
            var line = new string('x', 200);
            for (var i = 0; i < 500_000; i++)
                writer.WriteLine($"{i} {line}");
        }
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (lines, end) = LogFileReader.Tail(log, 20);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(new FileInfo(log).Length, end);
        Assert.Equal(20, lines.Count);
        Assert.StartsWith("499999 ", lines[^1]);
        Assert.StartsWith("499980 ", lines[0]);
        Assert.True(allocated < new FileInfo(log).Length / 10, $"{allocated} bytes allocated to tail a {new FileInfo(log).Length}-byte log");
    }
}
