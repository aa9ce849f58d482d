using System.Diagnostics;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// `.arc/` as a hostile or careless user may leave it: links, files where directories belong, someone
/// else's ownership, read-only. Each is refused with its path named, before anything starts.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StateSafetyTests
{
    [NativeTheory]
    [InlineData(".arc")]
    [InlineData(".arc/run")]
    [InlineData(".arc/logs")]
    [InlineData(".arc/data")]
    [InlineData(".arc/data/sonic")]
    public async Task A_linked_state_directory_is_refused_naming_it_and_the_target_is_untouched(string link)
    {
        await using var stack = NativeStack.Create();
        using var elsewhere = new TempDirectory();
        var victim = Path.Combine(elsewhere.Path, "victim");
        Directory.CreateDirectory(victim);
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Path.GetDirectoryName(stack.Repo.PathOf(link))!);
        Directory.CreateSymbolicLink(stack.Repo.PathOf(link), victim);

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{stack.Repo.PathOf(link)} is a symbolic link", run.Out + run.Err);
        AssertNothingStarted(stack);
        Assert.Empty(Directory.GetFileSystemEntries(victim));
        Assert.Equal(0u, Owner(victim));
        Assert.True(File.GetUnixFileMode(victim).HasFlag(UnixFileMode.OtherRead), "the link's target had its mode changed");
    }

    [NativeTheory]
    [InlineData(".arc/logs/sonic.log")]
    [InlineData(".arc/logs/sonic.log.1")]
    [InlineData(".arc/logs/sonic.restarts")]
    [InlineData(".arc/logs/sonic-prometheus-redis-exporter.log")]
    [InlineData(".arc/run/sonic.json")]
    [InlineData(".arc/lock")]
    public async Task A_linked_state_file_is_refused_naming_it_and_a_root_only_target_is_not_written(string link)
    {
        await using var stack = NativeStack.Create();
        using var elsewhere = new TempDirectory();
        var victim = Path.Combine(elsewhere.Path, "root-only");
        File.WriteAllText(victim, "precious\n");
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.GetDirectoryName(stack.Repo.PathOf(link))!);
        File.CreateSymbolicLink(stack.Repo.PathOf(link), victim);

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{stack.Repo.PathOf(link)} is a symbolic link", run.Out + run.Err);
        AssertNothingStarted(stack);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal(0u, Owner(victim));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(victim));
    }

    [NativeTheory]
    [InlineData(".arc")]
    [InlineData(".arc/run")]
    [InlineData(".arc/logs")]
    [InlineData(".arc/data")]
    public async Task A_file_where_a_state_directory_belongs_is_a_clear_error_before_anything_starts(string path)
    {
        await using var stack = NativeStack.Create();
        stack.Repo.Write(path, "not a directory\n");

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{stack.Repo.PathOf(path)} is a file, not a directory", run.Out + run.Err);
        AssertNothingStarted(stack);
    }

    [NativeTheory]
    [InlineData(".arc", 4242u)]
    [InlineData(".arc/run", 4242u)]
    [InlineData(".arc/logs", 65534u)]
    [InlineData(".arc/data", 4242u)]
    [InlineData(".arc/data/sonic", 4242u)]
    public async Task State_owned_by_another_user_is_refused_as_root(string path, uint uid)
    {
        Assert.True(Environment.IsPrivilegedProcess, "the tests run as root, as CI does");
        await using var stack = NativeStack.Create();
        Directory.CreateDirectory(stack.Repo.PathOf(path));
        Chown(stack.Repo.PathOf(path), uid);

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{stack.Repo.PathOf(path)} is owned by uid {uid}", run.Out + run.Err);
        AssertNothingStarted(stack);
    }

    [NativeFact]
    public async Task A_state_directory_others_may_write_is_refused()
    {
        await using var stack = NativeStack.Create();
        Directory.CreateDirectory(stack.Repo.PathOf(".arc/run"));
        File.SetUnixFileMode(stack.Repo.PathOf(".arc/run"), (UnixFileMode)0x1FF);

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("writable by group or others", run.Out + run.Err);
        AssertNothingStarted(stack);
    }

    [NativeTheory]
    [InlineData(".arc")]
    [InlineData(".arc/run")]
    [InlineData(".arc/logs")]
    [InlineData(".arc/data")]
    public async Task Read_only_state_fails_at_once_before_anything_starts(string path)
    {
        await using var stack = NativeStack.Create();
        Directory.CreateDirectory(stack.Repo.PathOf(path));
        using var immutable = Immutable.Make(stack.Repo.PathOf(path));

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{stack.Repo.PathOf(path)} is read-only", run.Out + run.Err);
        AssertNothingStarted(stack);
    }

    [NativeFact]
    public async Task Run_records_are_readable_by_their_owner_only()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stack.Driver.Paths.RecordFile("sonic")));
    }

    private static void AssertNothingStarted(NativeStack stack)
    {
        var port = stack.Service("sonic").Port("client").Host;
        Assert.False(Arc.Platform.Drivers.Native.PortCheck.IsAnswering(port), $"something listens on {port}");
        Assert.DoesNotContain(Arc.Platform.Drivers.Native.ProcessTable.AllPids(),
            pid => Arc.Platform.Drivers.Native.ProcessTable.CommandLine(pid).Contains(stack.Root, StringComparison.Ordinal));
    }

    internal static uint Owner(string path) => Arc.Platform.Drivers.Native.PosixFiles.Lstat(path).Uid;

    internal static void Chown(string path, uint uid)
    {
        var chown = KitProcess.Run("chown", uid.ToString(), path);
        Assert.True(chown.ExitCode == 0, chown.Text);
    }
}
