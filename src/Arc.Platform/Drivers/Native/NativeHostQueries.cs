namespace Arc.Platform.Drivers.Native;

/// <summary>The questions the driver's rules ask, answered from any <see cref="INativeHost"/>'s facts.</summary>
internal static class NativeHostQueries
{
    /// <summary>
    /// True when the pid still runs the process we recorded: same start time (so a reused pid is never
    /// taken for ours) and exactly the executable recorded. A record without an executable matches
    /// nothing: it proves nothing about the process it names.
    /// </summary>
    public static bool IsSameProcess(this INativeHost host, ProcessRecord record) =>
        record.Pid > 0 && !string.IsNullOrEmpty(record.Executable) && Path.IsPathFullyQualified(record.Executable)
        && host.StartTicks(record.Pid) == record.StartTicks && host.Executable(record.Pid) == record.Executable;

    public static bool IsAlive(this INativeHost host, int pid) => host.StartTicks(pid) is not null;

    /// <summary>Every live pid in the process group <paramref name="group"/>.</summary>
    public static IEnumerable<int> GroupMembers(this INativeHost host, int group) => host.GroupsMembers([group]);

    /// <summary>Every live pid in any of <paramref name="groups"/>, from one pass over the process table.</summary>
    public static IEnumerable<int> GroupsMembers(this INativeHost host, IReadOnlyCollection<int> groups) =>
        groups.Count == 0 ? [] : host.AllPids().Where(pid => host.GroupOf(pid) is { } group && groups.Contains(group)).ToList();

    /// <summary>
    /// The supervisor's own children: the server it forked (or that fork still exec'ing through sh and
    /// env), the back-off sleep, the logger. From the kernel's children list; the whole group is
    /// searched only where the kernel lists no children.
    /// </summary>
    public static IReadOnlyList<int> SupervisorChildren(this INativeHost host, int supervisor) =>
        host.Children(supervisor) ?? [.. host.GroupMembers(supervisor).Where(pid => host.ParentOf(pid) == supervisor)];

    /// <summary>The child of <see cref="SupervisorChildren"/> that runs <paramref name="program"/>, or null.</summary>
    public static int? ServerAmong(this INativeHost host, IReadOnlyList<int> children, string program) =>
        children.Cast<int?>().FirstOrDefault(pid => host.Executable(pid!.Value) == program);

    /// <summary>
    /// Whether the supervisor waits out a back-off: its own child then runs sleep. (Between a restart's
    /// fork and exec the child runs sh or env; the logger runs split.)
    /// </summary>
    public static bool IsBackingOff(this INativeHost host, IReadOnlyList<int> children) =>
        children.Any(pid => host.Executable(pid) is { } executable && Path.GetFileName(executable) == "sleep");

    /// <summary>The pid of the server a live supervisor runs now, or null (stopped, or between restarts).</summary>
    public static int? ServerPid(this INativeHost host, ProcessRecord supervisor) =>
        host.IsSameProcess(supervisor) ? host.ServerAmong(host.SupervisorChildren(supervisor.Pid), supervisor.Program) : null;
}
