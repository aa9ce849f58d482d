using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// <c>.arc/lock</c>, held exclusively for the whole of a state-changing command (up, down, clean), so two
/// <c>arc</c> invocations never start or stop the same server at once. On Linux .NET takes FileShare.None
/// as flock(LOCK_EX): the kernel drops it when the process dies, so a crashed arc never leaves it stuck.
/// The holder writes its pid and command line to <c>.arc/lock.holder</c>, so a waiter can say who it waits for.
/// </summary>
public sealed class InvocationLock : IDisposable
{
    /// <summary>How long a command without its own --timeout waits for the lock.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);
    private readonly FileStream _stream;
    private readonly string _holderFile;

    private InvocationLock(FileStream stream, string holderFile)
    {
        _stream = stream;
        _holderFile = holderFile;
    }

    public static string PathFor(string root) => Path.Combine(Path.GetFullPath(root), ".arc", "lock");

    private static string HolderFileFor(string lockPath) => lockPath + ".holder";

    /// <summary>Waits (cancellably) for the lock for at most <see cref="DefaultWait"/>.</summary>
    public static Task<InvocationLock> AcquireAsync(string root, Action<string> onWait, CancellationToken cancellationToken) =>
        AcquireAsync(root, onWait, DefaultWait, cancellationToken);

    /// <summary>
    /// Waits for the lock at most <paramref name="limit"/>; <paramref name="onWait"/> hears once who holds it.
    /// A <c>.arc</c> that is read-only, a link, a file or someone else's fails at once.
    /// </summary>
    public static async Task<InvocationLock> AcquireAsync(string root, Action<string> onWait, TimeSpan limit, CancellationToken cancellationToken)
    {
        var path = PathFor(root);
        StateTree.EnsureDirectory(Path.GetDirectoryName(path)!);
        StateTree.CheckFile(path);
        StateTree.CheckFile(HolderFileFor(path));
        var deadline = DateTime.UtcNow + limit;
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                WriteHolder(path);
                return new InvocationLock(stream, HolderFileFor(path));
            }
            catch (UnauthorizedAccessException e)
            {
                throw new DriverException($"cannot open {path}: {e.Message}");
            }
            catch (IOException)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new DriverException(
                        $"another arc invocation ({Holder(path)}) still holds {path} after {limit.TotalSeconds:0.#} s; wait for it or stop it");
                if (!told)
                    onWait($"waiting for another arc invocation to finish ({Holder(path)}, lock {path})");
                told = true;
            }
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    private static void WriteHolder(string path)
    {
        var holder = HolderFileFor(path);
        StateTree.CheckFile(holder);
        File.WriteAllText(holder, $"{Environment.ProcessId}\n{string.Join(' ', Environment.GetCommandLineArgs())}\n");
    }

    /// <summary>"pid 123: arc up flash", from the holder file when its pid still runs.</summary>
    private static string Holder(string path)
    {
        try
        {
            var holder = HolderFileFor(path);
            StateTree.CheckFile(holder);
            var lines = File.ReadLines(holder).Take(2).ToList();
            if (lines.Count == 2 && int.TryParse(lines[0], out var pid) && Directory.Exists($"/proc/{pid}"))
                return $"pid {pid}: {(lines[1].Length > 200 ? lines[1][..200] + "…" : lines[1])}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DriverException)
        {
            // Who holds it is a courtesy; the wait itself does not depend on it.
        }
        return "holder unknown";
    }

    public void Dispose()
    {
        // Before the lock goes: once it is released the next holder writes its own.
        File.Delete(_holderFile);
        _stream.Dispose();
    }
}
