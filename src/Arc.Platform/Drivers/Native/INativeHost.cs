using Arc.Platform.Processes;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Everything the native driver asks the operating system about the processes it runs: the process table,
/// signals, ports and listeners, the server user and the clock its stop deadlines run on. One seam, so
/// the driver's rules (a reused pid is never signalled, a stale record is dropped, a stop escalates to
/// SIGKILL) can be tested against an in-memory host in milliseconds; <see cref="SystemNativeHost"/> is the real one.
/// </summary>
internal interface INativeHost
{
    /// <summary>When the pid started, in clock ticks since boot; null when it is gone or a zombie.</summary>
    ulong? StartTicks(int pid);

    /// <summary>When the pid started, as wall-clock time; null when it is gone.</summary>
    DateTimeOffset? StartedAt(int pid);

    /// <summary>The link-resolved executable the pid runs; null when it is gone or hidden.</summary>
    string? Executable(int pid);

    IReadOnlyList<string> Arguments(int pid);

    int? GroupOf(int pid);

    int? ParentOf(int pid);

    /// <summary>The direct children of a pid; null when the kernel does not list them.</summary>
    IReadOnlyList<int>? Children(int pid);

    IEnumerable<int> AllPids();

    /// <summary>The link-resolved working directory of a pid, or null.</summary>
    string? WorkingDirectory(int pid);

    /// <summary>Starts a process in its own session that outlives arc; its pid.</summary>
    int StartDetached(ChildCommand command, string what);

    bool Signal(int pid, int signal);

    /// <summary>Signals every member of the group led by <paramref name="groupLeader"/>; false when none is left.</summary>
    bool SignalGroup(int groupLeader, int signal);

    /// <summary>Whether something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    bool IsAnswering(int port);

    /// <summary>"pid 123 (nc)" for the listener on the port, or "".</summary>
    string DescribeListener(int port);

    /// <summary>"pid 12 (nats-server) listens on 0.0.0.0:4222" for every listener of the pids off loopback.</summary>
    IReadOnlyList<string> OffLoopback(IEnumerable<int> pids);

    /// <summary>The user servers run as: <c>arc</c> under root, else whoever runs arc.</summary>
    string ServerUserName { get; }

    void EnsureServerUser();

    void EnsureReachableByServerUser(string directory);

    void GiveToServerUser(string path);

    DateTime UtcNow { get; }

    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
