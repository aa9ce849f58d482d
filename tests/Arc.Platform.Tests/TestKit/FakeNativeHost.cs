using Arc.Platform.Drivers.Native;
using Arc.Platform.Processes;

namespace Arc.Platform.Tests.TestKit;

/// <summary>One process of a <see cref="FakeNativeHost"/>: what /proc would say about it, and how it takes signals.</summary>
internal sealed class FakeProcess(int pid, ulong startTicks, string executable)
{
    public int Pid { get; } = pid;
    public ulong StartTicks { get; } = startTicks;
    public string Executable { get; } = executable;
    public int Group { get; set; }
    public int Parent { get; set; } = 1;
    public IReadOnlyList<string> Arguments { get; set; } = [];
    public string? WorkingDirectory { get; set; }
    public bool Alive { get; set; } = true;

    /// <summary>Like the supervisor's logger, or a server stuck in shutdown: SIGTERM does nothing.</summary>
    public bool IgnoresTerm { get; set; }

    /// <summary>A process in uninterruptible sleep: not even SIGKILL ends it.</summary>
    public bool SurvivesKill { get; set; }

    /// <summary>"pid 12 (x) listens on 0.0.0.0:4222" lines the loopback audit would find.</summary>
    public List<string> OffLoopback { get; } = [];

    public bool EndsOn(int signal) => signal switch
    {
        PosixSignals.SigKill => !SurvivesKill,
        PosixSignals.SigTerm => !IgnoresTerm,
        _ => false,
    };
}

/// <summary>A signal sent through the fake host: to one pid, or (<see cref="ToGroup"/>) to a whole process group.</summary>
internal sealed record SentSignal(int Target, bool ToGroup, int Signal);

/// <summary>
/// An in-memory operating system for the native driver's rules: a process table (pid, start time,
/// executable, group, parent, working directory, alive), the signals sent and their effect, ports that
/// answer, the server-user calls, and a clock that moves only when the driver waits (so a 10 s grace
/// passes in microseconds). Launching a process puts the supervisor's shell in the table at once.
/// </summary>
internal sealed class FakeNativeHost : INativeHost
{
    private readonly Dictionary<int, FakeProcess> _processes = [];
    private readonly Dictionary<int, string> _listeners = [];
    private int _nextPid = 1000;
    private ulong _nextTicks = 50_000;

    public List<SentSignal> Signals { get; } = [];
    public List<string> UserCalls { get; } = [];
    public List<ChildCommand> Launched { get; } = [];
    public DateTime Start { get; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public DateTime UtcNow { get; private set; }
    public TimeSpan Elapsed => UtcNow - Start;
    public string ServerUserName => "arc-test";

    public FakeNativeHost()
    {
        UtcNow = Start;
    }

    /// <summary>A new process; in its own group unless <paramref name="group"/> names one.</summary>
    public FakeProcess Spawn(string executable, int? group = null, int parent = 1, params string[] arguments)
    {
        var process = new FakeProcess(_nextPid++, _nextTicks++, executable) { Parent = parent, Arguments = arguments };
        process.Group = group ?? process.Pid;
        _processes[process.Pid] = process;
        return process;
    }

    /// <summary>The pid of a process that is gone now belongs to <paramref name="executable"/>, started later.</summary>
    public FakeProcess Reuse(int pid, string executable, ulong? startTicks = null)
    {
        var process = new FakeProcess(pid, startTicks ?? _nextTicks++, executable) { Group = pid };
        _processes[pid] = process;
        return process;
    }

    public FakeProcess Process(int pid) => _processes[pid];

    /// <summary>Killed from outside the driver (kill -9 by a user, the OOM killer): no signal recorded.</summary>
    public void Kill(int pid) => _processes[pid].Alive = false;

    public void Listen(int port, string holder) => _listeners[port] = holder;

    public ulong? StartTicks(int pid) => Live(pid)?.StartTicks;
    public DateTimeOffset? StartedAt(int pid) => Live(pid) is { } p ? new DateTimeOffset(Start).AddSeconds(p.StartTicks / 100.0) : null;
    public string? Executable(int pid) => Live(pid)?.Executable;
    public IReadOnlyList<string> Arguments(int pid) => Live(pid)?.Arguments ?? [];
    public int? GroupOf(int pid) => Live(pid)?.Group;
    public int? ParentOf(int pid) => Live(pid)?.Parent;
    public IReadOnlyList<int>? Children(int pid) => [.. LiveProcesses().Where(p => p.Parent == pid).Select(p => p.Pid)];
    public IEnumerable<int> AllPids() => [.. LiveProcesses().Select(p => p.Pid)];
    public string? WorkingDirectory(int pid) => Live(pid)?.WorkingDirectory;

    /// <summary>The chain exec's straight into the supervisor: the shell runs under the new pid at once.</summary>
    public int StartDetached(ChildCommand command, string what)
    {
        Launched.Add(command);
        var supervisor = Spawn(LaunchChain.Tool("sh"), arguments: [.. command.Arguments]);
        supervisor.WorkingDirectory = command.WorkingDirectory;
        return supervisor.Pid;
    }

    public bool Signal(int pid, int signal)
    {
        Signals.Add(new SentSignal(pid, false, signal));
        return Deliver(Live(pid) is { } p ? [p] : [], signal);
    }

    public bool SignalGroup(int groupLeader, int signal)
    {
        Signals.Add(new SentSignal(groupLeader, true, signal));
        return Deliver([.. LiveProcesses().Where(p => p.Group == groupLeader)], signal);
    }

    public bool IsAnswering(int port) => _listeners.ContainsKey(port);
    public string DescribeListener(int port) => _listeners.GetValueOrDefault(port, "");

    public IReadOnlyList<string> OffLoopback(IEnumerable<int> pids) =>
        [.. pids.Distinct().Select(Live).OfType<FakeProcess>().SelectMany(p => p.OffLoopback)];

    public void EnsureServerUser() => UserCalls.Add("ensure user");
    public void EnsureReachableByServerUser(string directory) => UserCalls.Add($"reachable {directory}");
    public void GiveToServerUser(string path) => UserCalls.Add($"give {path}");

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        UtcNow += delay;
        return Task.CompletedTask;
    }

    private FakeProcess? Live(int pid) => _processes.TryGetValue(pid, out var p) && p.Alive ? p : null;

    private IEnumerable<FakeProcess> LiveProcesses() => _processes.Values.Where(p => p.Alive);

    private static bool Deliver(IReadOnlyList<FakeProcess> targets, int signal)
    {
        foreach (var target in targets.Where(t => t.EndsOn(signal)))
            target.Alive = false;
        return targets.Count > 0;
    }
}
