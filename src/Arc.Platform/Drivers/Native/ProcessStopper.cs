namespace Arc.Platform.Drivers.Native;

/// <summary>SIGTERM to the process group, SIGKILL after the grace period, and no survivor in the group.</summary>
internal static class ProcessStopper
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    public static async Task StopAsync(ProcessRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!ProcessTable.IsSameProcess(record))
            return;
        // setsid made the server its group's leader, so the group id is its pid.
        PosixSignals.SignalGroup(record.Pid, PosixSignals.SigTerm);
        if (!await WaitForExitAsync(record, grace, cancellationToken))
        {
            PosixSignals.SignalGroup(record.Pid, PosixSignals.SigKill);
            if (!await WaitForExitAsync(record, KillWait, cancellationToken))
                throw new DriverException($"{record.Name} (pid {record.Pid}) survived SIGKILL");
        }
        // A child the server forked (redis' background save) would be an orphan: the group ends with its leader.
        if (PosixSignals.GroupExists(record.Pid))
            PosixSignals.SignalGroup(record.Pid, PosixSignals.SigKill);
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
