namespace Arc.Platform.Drivers.Native;

/// <summary>
/// SIGTERM to a supervisor's process group (the supervisor stops restarting, the server shuts down),
/// SIGKILL after the grace period, and no survivor in the group.
/// </summary>
internal sealed class ProcessStopper(INativeHost host, TimeSpan grace)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    /// <summary>Everything a run record names: the sidecars first, then the server.</summary>
    public async Task StopAllAsync(NativeRunRecord record, CancellationToken cancellationToken)
    {
        foreach (var process in record.Sidecars.Append(record.Server))
            await StopAsync(process, cancellationToken);
    }

    public async Task StopAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        if (!host.IsSameProcess(record))
        {
            await StopRemnantsAsync(record, cancellationToken);
            return;
        }
        // setsid made the supervisor its group's leader, so the group id is its pid.
        host.SignalGroup(record.Pid, PosixSignals.SigTerm);
        if (!await WaitForExitAsync(record, grace, cancellationToken))
        {
            host.SignalGroup(record.Pid, PosixSignals.SigKill);
            if (!await WaitForExitAsync(record, KillWait, cancellationToken))
                throw new DriverException($"{record.Name} (pid {record.Pid}) survived SIGKILL");
        }
        // A child the server forked (redis' background save): the group ends with its leader.
        await StopRemnantsAsync(record, cancellationToken);
        await AwaitLoggerAsync(record, cancellationToken);
    }

    /// <summary>
    /// The logger ignores SIGTERM and ends when the last writer of its pipe is gone, once it has written
    /// every line it was given: stop returns after that, so a stopped service's log is complete. A logger
    /// that outlives the grace period (a writer that escaped the group) is killed.
    /// </summary>
    private async Task AwaitLoggerAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        var deadline = host.UtcNow + grace;
        while (host.GroupMembers(record.Pid).Any())
        {
            if (host.UtcNow >= deadline)
            {
                host.SignalGroup(record.Pid, PosixSignals.SigKill);
                return;
            }
            await host.DelayAsync(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// What is left of a group whose supervisor is gone (killed with -9): its members that run the
    /// recorded server or supervisor executable. While any member lives the kernel never hands the
    /// group id to a new process, so these are ours; a live process with the old pid means the group is gone.
    /// </summary>
    private async Task StopRemnantsAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        if (record.Pid <= 0 || host.IsAlive(record.Pid))
            return;
        var remnants = host.GroupMembers(record.Pid)
            .Where(pid => host.Executable(pid) is { } exe && (exe == record.Program || exe == record.Executable))
            .ToList();
        if (remnants.Count == 0)
            return;
        host.SignalGroup(record.Pid, PosixSignals.SigKill);
        var deadline = host.UtcNow + KillWait;
        while (remnants.Any(host.IsAlive) && host.UtcNow < deadline)
            await host.DelayAsync(PollInterval, cancellationToken);
        if (remnants.FirstOrDefault(host.IsAlive) is var survivor and > 0)
            throw new DriverException($"{record.Name}: pid {survivor} survived SIGKILL");
    }

    private async Task<bool> WaitForExitAsync(ProcessRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = host.UtcNow + limit;
        while (host.StartTicks(record.Pid) == record.StartTicks)
        {
            if (host.UtcNow >= deadline)
                return false;
            await host.DelayAsync(PollInterval, cancellationToken);
        }
        return true;
    }
}
