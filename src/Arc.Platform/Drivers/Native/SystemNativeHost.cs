using Arc.Platform.Processes;

namespace Arc.Platform.Drivers.Native;

/// <summary>The host arc runs on: /proc, kill(2), TCP connects, the real server user and clock.</summary>
internal sealed class SystemNativeHost : INativeHost
{
    public static SystemNativeHost Instance { get; } = new();

    private SystemNativeHost()
    {
    }

    public ulong? StartTicks(int pid) => ProcessTable.StartTicks(pid);
    public DateTimeOffset? StartedAt(int pid) => ProcessTable.StartedAt(pid);
    public string? Executable(int pid) => ProcessTable.Executable(pid);
    public IReadOnlyList<string> Arguments(int pid) => ProcessTable.Arguments(pid);
    public int? GroupOf(int pid) => ProcessTable.GroupOf(pid);
    public int? ParentOf(int pid) => ProcessTable.ParentOf(pid);
    public IReadOnlyList<int>? Children(int pid) => ProcessTable.Children(pid);
    public IEnumerable<int> AllPids() => ProcessTable.AllPids();
    public string? WorkingDirectory(int pid) => PosixFiles.RealPath($"/proc/{pid}/cwd");
    public int StartDetached(ChildCommand command, string what) => ChildProcess.StartDetached(command, what);

    public bool Signal(int pid, int signal) => PosixSignals.Signal(pid, signal);
    public bool SignalGroup(int groupLeader, int signal) => PosixSignals.SignalGroup(groupLeader, signal);

    public bool IsAnswering(int port) => PortCheck.IsAnswering(port);
    public string DescribeListener(int port) => PortCheck.DescribeListener(port);
    public IReadOnlyList<string> OffLoopback(IEnumerable<int> pids) => ListeningSockets.OffLoopback(pids);

    public string ServerUserName => ServerUser.Effective;
    public void EnsureServerUser() => ServerUser.EnsureExists();
    public void EnsureReachableByServerUser(string directory) => ServerUser.EnsureReachable(directory);
    public void GiveToServerUser(string path) => ServerUser.GiveOwnership(path);

    public DateTime UtcNow => DateTime.UtcNow;
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}
