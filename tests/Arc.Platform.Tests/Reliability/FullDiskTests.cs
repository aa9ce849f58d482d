using System.Diagnostics;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Tests.TestKit;

namespace Arc.Platform.Tests.Reliability;

/// <summary>
/// A full disk under `.arc/`, made real with a small tmpfs (root only; skipped with the reason
/// elsewhere): `health --deep` publishes into a file-backed stream and names the full store with its
/// free space; `up` fails with one line and leaves nothing running that no record names.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FullDiskTests
{
    [ReliabilityFact]
    public async Task Health_deep_on_a_full_file_store_is_unhealthy_naming_it_with_the_free_space_while_the_shallow_probe_passes()
    {
        await using var stack = NativeStack.Create();
        using var disk = SmallDisk.Mount(stack.Driver.Paths.DataRoot, "16m");
        await stack.UpHealthyAsync("flash");
        disk.Fill();

        var deep = await stack.ArcAsync("health", "flash", "--deep", "--driver", "native");
        var shallow = await stack.ArcAsync("health", "flash", "--driver", "native");
        var streams = await stack.ArcAsync("streams", "list");

        Assert.Equal(1, deep.ExitCode);
        Assert.Contains($"file store full: 0 KiB free on the file system of {stack.Driver.Paths.DataDirectory("flash")}/jetstream", deep.Out);
        Assert.Contains("JetStream refused the health publish", deep.Out);
        Assert.Equal(0, shallow.ExitCode);
        // nats-server 2.9 keeps JetStream on when its disk fills: the streams still list (and nothing claims JetStream is gone).
        Assert.Equal(0, streams.ExitCode);
        Assert.DoesNotContain("JetStream is not available", streams.Out + streams.Err);
        await stack.ArcAsync("down");
    }

    [ReliabilityFact]
    public async Task A_stream_created_on_a_full_file_store_fails_naming_the_free_space_in_apply_and_in_up()
    {
        await using var stack = NativeStack.Create();
        using var disk = SmallDisk.Mount(stack.Driver.Paths.DataRoot, "16m");
        await stack.UpHealthyAsync("flash");
        stack.Repo.Write("services/messaging/streams.yaml", stack.Repo.Read("services/messaging/streams.yaml") + """

              - name: ARC_FULL_DISK_PROBE
                subjects: ["arc.full-disk-probe.>"]
                storage: file
            """);
        disk.Fill();

        var apply = await stack.ArcAsync("streams", "apply");
        var up = await stack.ArcAsync("up", "flash", "--driver", "native", "--timeout", "20");

        var full = $"file store full: 0 KiB free on the file system of {stack.Driver.Paths.DataDirectory("flash")}/jetstream";
        Assert.Contains("JetStream refused to create stream ARC_FULL_DISK_PROBE: error creating store for stream", apply.Err);
        // The second create of the same stream is the one nats-server 2.9 answers with success on a full disk.
        Assert.Matches("JetStream (refused to create|accepted) stream ARC_FULL_DISK_PROBE", up.Out + up.Err);
        foreach (var run in new[] { apply, up })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(full, run.Out + run.Err);
            Assert.DoesNotContain("internal error", run.Err);
        }
        await stack.ArcAsync("down");
    }

    [ReliabilityFact]
    public async Task Up_on_a_full_data_file_system_fails_with_one_clear_line_and_starts_nothing()
    {
        await using var stack = NativeStack.Create();
        using var disk = SmallDisk.Mount(stack.Driver.Paths.DataRoot, "1m");
        disk.Fill();

        await UpFailsLeavingNothingAsync(stack, "flash", $"cannot write {stack.Driver.Paths.DataDirectory("flash")}/jetstream.conf: No space left on device");
    }

    [ReliabilityFact]
    public async Task A_run_record_that_cannot_be_written_stops_the_server_it_would_have_named()
    {
        await using var stack = NativeStack.Create();
        using var disk = SmallDisk.Mount(stack.Driver.Paths.RunDirectory, "64k");
        disk.Fill();

        await UpFailsLeavingNothingAsync(stack, "sonic", $"cannot write the run record {stack.Driver.Paths.RecordFile("sonic")}");
    }

    /// <summary>`up` exits 1 with <paramref name="expected"/>, no internal error, and no process of the service left running.</summary>
    private static async Task UpFailsLeavingNothingAsync(NativeStack stack, string codename, string expected)
    {
        var up = await stack.ArcAsync("up", codename, "--driver", "native", "--timeout", "10");

        Assert.Equal(1, up.ExitCode);
        Assert.Contains(expected, up.Out + up.Err);
        Assert.DoesNotContain("internal error", up.Err);
        Assert.False(PortCheck.IsAnswering(stack.Service(codename).Port("client").Host), "a server runs that no record names");
        Assert.Null(stack.Driver.LiveRecord(codename));
        var data = stack.Driver.Paths.DataDirectory(codename);
        Assert.DoesNotContain(ProcessTable.AllPids(), pid => PosixFiles.RealPath($"/proc/{pid}/cwd") == data);
    }

    /// <summary>A tmpfs of a given size mounted over a directory (created root-owned, mode 0755), lazily unmounted on dispose.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private readonly string _directory;

        private SmallDisk(string directory) => _directory = directory;

        public static SmallDisk Mount(string directory, string size)
        {
            Directory.CreateDirectory(directory);
            foreach (var path in new[] { Path.GetDirectoryName(directory)!, directory })
                File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
            var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=755", "tmpfs", directory);
            Skip.If(code != 0, $"a small tmpfs is needed to fill a disk for real, and mount was refused: {error.Trim()}");
            return new SmallDisk(directory);
        }

        /// <summary>Writes until the file system refuses a byte more.</summary>
        public void Fill()
        {
            var chunk = new byte[64 * 1024];
            using var filler = new FileStream(Path.Combine(_directory, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
            try
            {
                while (true)
                {
                    filler.Write(chunk);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
                // Full: what the test is after.
            }
            for (var size = chunk.Length / 2; size > 0; size /= 2)
            {
                try
                {
                    filler.Write(chunk, 0, size);
                    filler.Flush();
                }
                catch (IOException)
                {
                    // Not even this much fits any more.
                }
            }
        }

        public void Dispose() => Run("umount", "-l", _directory);

        private static (int Code, string Error) Run(string program, params string[] arguments)
        {
            var result = KitProcess.Run(program, arguments);
            return (result.ExitCode, result.Err);
        }
    }
}
