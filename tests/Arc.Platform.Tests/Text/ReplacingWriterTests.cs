using Arc.Platform.Drivers.Native;
using Arc.Platform.Text;

namespace Arc.Platform.Tests.Text;

/// <summary>
/// The one writer of generated files, on a real file system: the mode asked for, links at the name replaced and
/// never followed, refused directories, no temporary file after a failure, and only whole files under concurrency.
/// </summary>
[Trait("Tier", "unit")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReplacingWriterTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ReadableByAll = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>0664: the group's write bit is one the usual umask (022) strips from what O_CREAT asks for.</summary>
    private const UnixFileMode GroupWritable = ReadableByAll | UnixFileMode.GroupWrite;

    [Fact]
    public void The_file_gets_exactly_the_mode_asked_for_not_the_umask_s_or_the_old_file_s()
    {
        using var directory = new TempDirectory();
        var path = directory.File("generated.conf");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, ReadableByAll);

        ReplacingWriter.Write(path, "new\n", OwnerOnly);
        Assert.Equal(("new\n", OwnerOnly), (File.ReadAllText(path), File.GetUnixFileMode(path)));

        ReplacingWriter.Write(path, "new\n", GroupWritable);
        Assert.Equal(("new\n", GroupWritable), (File.ReadAllText(path), File.GetUnixFileMode(path)));
    }

    [SkippableFact]
    public void A_file_handed_to_another_user_takes_the_name_already_theirs()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "only root can give a file away");
        using var directory = new TempDirectory();
        var path = directory.File("sonic.acl");

        ReplacingWriter.Write(path, "user default on\n", UnixFileMode.UserRead, owner: (4242, uint.MaxValue));

        Assert.True(PosixFiles.Lstat(path) is { Uid: 4242, Mode: UnixFileMode.UserRead }, "not 0400 and 4242's");
        Assert.Equal("user default on\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_that_already_holds_the_content_with_the_mode_is_left_as_it_is()
    {
        using var directory = new TempDirectory();
        var path = directory.File("generated.conf");
        ReplacingWriter.Write(path, "same\n", ReadableByAll);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, longAgo);

        ReplacingWriter.Write(path, "same\n", ReadableByAll);

        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(path));
    }

    [Theory]
    [InlineData("precious\n")]
    [InlineData("port 7000\n")]   // what is written: a check that followed the link would find it already there
    public void A_link_at_the_name_is_replaced_by_the_file_and_what_it_points_to_is_untouched(string linked)
    {
        using var directory = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var victim = elsewhere.File("victim");
        File.WriteAllText(victim, linked);
        File.SetUnixFileMode(victim, ReadableByAll);
        var path = directory.File("redis.conf");
        File.CreateSymbolicLink(path, victim);

        ReplacingWriter.Write(path, "port 7000\n", ReadableByAll);

        Assert.True(PosixFiles.Lstat(path) is { IsRegular: true, IsLink: false }, "the name is still a link");
        Assert.Equal("port 7000\n", File.ReadAllText(path));
        Assert.Equal(linked, File.ReadAllText(victim));
        Assert.Equal(ReadableByAll, File.GetUnixFileMode(victim));
    }

    [Fact]
    public void A_directory_that_is_a_link_is_refused_and_nothing_is_written_where_it_points()
    {
        using var directory = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var linked = directory.File("data");
        Directory.CreateSymbolicLink(linked, elsewhere.Path);

        var error = Assert.Throws<DriverException>(() => ReplacingWriter.Write(Path.Combine(linked, "redis.conf"), "port 7000\n", ReadableByAll));

        Assert.StartsWith($"{linked} is a symbolic link", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere.Path));
    }

    [SkippableFact]
    public void A_directory_another_user_owns_is_refused_even_where_the_server_user_s_is_allowed()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "only root can give a directory away");
        using var directory = new TempDirectory();
        var foreign = directory.Sub("foreign");
        PosixFiles.ChownNoFollow(foreign, 4242, 4242);

        var error = Assert.Throws<DriverException>(() =>
            ReplacingWriter.Write(Path.Combine(foreign, "redis.conf"), "port 7000\n", ReadableByAll, directoryOwnedByServerUser: true));

        Assert.StartsWith($"{foreign} is owned by uid 4242", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(foreign));
    }

    [Fact]
    public void A_write_that_fails_names_the_file_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        // A directory at the name: the content is written, then the rename over the name fails.
        var path = directory.Sub("in-the-way");
        File.WriteAllText(Path.Combine(path, "kept"), "");

        var error = Assert.Throws<DriverException>(() => ReplacingWriter.Write(path, "content\n", OwnerOnly));

        Assert.StartsWith($"cannot write {path}: ", error.Message);
        Assert.Equal(path, Assert.Single(Directory.GetFileSystemEntries(directory.Path)));
    }

    [SkippableFact]
    public void A_full_disk_keeps_the_old_file_whole_and_leaves_no_temporary_file()
    {
        using var directory = new TempDirectory();
        var disk = directory.Sub("disk");
        var mount = KitProcess.Run("mount", "-t", "tmpfs", "-o", "size=64k,mode=700", "tmpfs", disk);
        Skip.If(mount.ExitCode != 0, $"a small tmpfs is needed to fill a disk for real: {mount.Text}");
        try
        {
            var path = Path.Combine(disk, "jetstream.conf");
            ReplacingWriter.Write(path, "old\n", ReadableByAll);

            var error = Assert.Throws<DriverException>(() => ReplacingWriter.Write(path, new string('x', 1 << 20), ReadableByAll));

            Assert.StartsWith($"cannot write {path}: No space left on device", error.Message);
            Assert.Equal("old\n", File.ReadAllText(path));
            Assert.Equal(path, Assert.Single(Directory.GetFileSystemEntries(disk)));
        }
        finally
        {
            KitProcess.Run("umount", disk);
        }
    }

    [Fact]
    public async Task Concurrent_writers_leave_one_whole_file_and_a_reader_never_meets_part_of_one()
    {
        using var directory = new TempDirectory();
        var path = directory.File("members.yml");
        const int Writers = 6, WritesEach = 15, Length = 256 * 1024;
        static string Content(int writer, int write) => $"{writer}:{write:D2}:".PadRight(Length - 4, 'x') + "end\n";
        ReplacingWriter.Write(path, Content(0, 0), OwnerOnly);
        using var writing = new CancellationTokenSource();
        var reading = new TaskCompletionSource();

        var reader = Task.Factory.StartNew(() =>
        {
            var reads = 0;
            for (; !writing.IsCancellationRequested; reads++)
            {
                var text = File.ReadAllText(path);
                Assert.True(text.Length == Length && text.EndsWith("end\n", StringComparison.Ordinal), $"a partial file of {text.Length} characters");
                reading.TrySetResult();
            }
            return reads;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await reading.Task;
        await Task.WhenAll(Enumerable.Range(1, Writers).Select(writer => Task.Run(() =>
        {
            for (var write = 0; write < WritesEach; write++)
                ReplacingWriter.Write(path, Content(writer, write), OwnerOnly);
        })));
        await writing.CancelAsync();

        Assert.True(await reader > 1, "the reader read nothing while the writers wrote");
        Assert.Matches(@"^[1-6]:14:x+end\n$", File.ReadAllText(path));
        Assert.Equal(path, Assert.Single(Directory.GetFileSystemEntries(directory.Path)));
    }
}
