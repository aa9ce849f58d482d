namespace Arc.Platform.Drivers.Native;

/// <summary>
/// SIGTERM to a supervisor's process group (the supervisor stops restarting, the server shuts down),
/// SIGKILL after the grace period, and no survivor in the group.
/// </summary>
internal static class ProcessStopper
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>Everything a run record names: the sidecars first, then the server.</summary>
    public static async Task StopAllAsync(NativeRunRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        foreach (var process in record.Sidecars.Append(record.Server))
            await StopAsync(process, grace, cancellationToken);
    }

    public static async Task StopAsync(ProcessRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!ProcessTable.IsSameProcess(record))
        {
            await StopRemnantsAsync(record, cancellationToken);
            return;
        }
        // setsid made the supervisor its group's leader, so the group id is its pid.
        PosixSignals.SignalGroup(record.Pid, PosixSignals.SigTerm);
        if (!await WaitForExitAsync(record, grace, cancellationToken))
        {
            PosixSignals.SignalGroup(record.Pid, PosixSignals.SigKill);
            if (!await WaitForExitAsync(record, KillWait, cancellationToken))
                throw new DriverException($"{record.Name} (pid {record.Pid}) survived SIGKILL");
        }
        // A child the server forked (redis' background save): the group ends with its leader.
        await StopRemnantsAsync(record, cancellationToken);
        await AwaitLoggerAsync(record, grace, cancellationToken);
    }

    /// <summary>
    /// The logger ignores SIGTERM and ends when the last writer of its pipe is gone, once it has written
    /// every line it was given: stop returns after that, so a stopped service's log is complete. A logger
    /// that outlives the grace period (a writer that escaped the group) is killed.
    /// </summary>
    private static async Task AwaitLoggerAsync(ProcessRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + grace;
        while (ProcessTable.GroupMembers(record.Pid).Any())
        {
            if (DateTime.UtcNow >= deadline)
            {
                PosixSignals.SignalGroup(record.Pid, PosixSignals.SigKill);
                return;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// What is left of a group whose supervisor is gone (killed with -9): its members that run the
    /// recorded server or supervisor executable. While any member lives the kernel never hands the
    /// group id to a new process, so these are ours; a live process with the old pid means the group is gone.
    /// </summary>
    private static async Task StopRemnantsAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        if (record.Pid <= 0 || ProcessTable.IsAlive(record.Pid))
            return;
        var remnants = ProcessTable.GroupMembers(record.Pid)
            .Where(pid => ProcessTable.Executable(pid) is { } exe && (exe == record.Program || exe == record.Executable))
            .ToList();
        if (remnants.Count == 0)
            return;
        PosixSignals.SignalGroup(record.Pid, PosixSignals.SigKill);
        var deadline = DateTime.UtcNow + KillWait;
        while (remnants.Any(ProcessTable.IsAlive) && DateTime.UtcNow < deadline)
            await Task.Delay(PollInterval, cancellationToken);
        if (remnants.FirstOrDefault(ProcessTable.IsAlive) is var survivor and > 0)
            throw new DriverException($"{record.Name}: pid {survivor} survived SIGKILL");
    }

    private static async Task<bool> WaitForExitAsync(ProcessRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (ProcessTable.StartTicks(record.Pid) == record.StartTicks)
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            await Task.Delay(PollInterval, cancellationToken);
        }
        return true;
    }
}
