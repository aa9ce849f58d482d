namespace Arc.Platform.Lifecycle;

/// <summary>
/// <c>.arc/lock</c>, held exclusively for the whole of a state-changing command (up, down, clean), so two
/// <c>arc</c> invocations never start or stop the same server at once. On Linux .NET takes FileShare.None
/// as flock(LOCK_EX): the kernel drops it when the process dies, so a crashed arc never leaves it stuck.
/// </summary>
public sealed class InvocationLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);
    private readonly FileStream stream;

    private InvocationLock(FileStream stream) => this.stream = stream;

    public static string PathFor(string root) => Path.Combine(Path.GetFullPath(root), ".arc", "lock");

    /// <summary>Waits (cancellably) for the lock; <paramref name="onWait"/> hears once that another invocation holds it.</summary>
    public static async Task<InvocationLock> AcquireAsync(string root, Action<string> onWait, CancellationToken cancellationToken)
    {
        var path = PathFor(root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var told = false;
        while (true)
        {
            try
            {
                return new InvocationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!told)
                    onWait($"waiting for another arc invocation to finish (lock {path})");
                told = true;
            }
            await Task.Delay(RetryInterval, cancellationToken);
        }
    }

    public void Dispose() => stream.Dispose();
}
