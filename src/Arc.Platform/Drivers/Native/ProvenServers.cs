using Arc.Platform.Registry;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// When a service's run record cannot be read, the processes arc can still prove are its own: they
/// run the service's server or exporter executable (or are its supervisor) with this checkout's data
/// directory as their working directory. Those are stopped; anything else on the service's ports is
/// named and left alone, and the stop fails, so `down` never reports stopped while a server runs.
/// </summary>
internal sealed class ProvenServers(NativePaths paths, TimeSpan grace)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public async Task StopAsync(ServiceDefinition service, IReadOnlyList<string> executables, string problem, CancellationToken cancellationToken)
    {
        var dataDirectory = PosixFiles.RealPath(paths.DataDirectory(service.Codename));
        var ours = dataDirectory is null ? [] : Find(dataDirectory, executables);
        await StopAllAsync(ours, cancellationToken);
        var survivors = ours.Where(ProcessTable.IsSameProcess).ToList();
        if (survivors.Count > 0)
            throw new DriverException($"{problem}; could not stop {Describe(survivors)}");
        foreach (var port in service.Ports.Where(p => PortCheck.IsAnswering(p.Host)))
        {
            var holder = PortCheck.DescribeListener(port.Host);
            throw new DriverException(
                $"{problem}; port {port.Host} ({port.Name}) is held by {(holder.Length > 0 ? holder : "a process")} that arc cannot prove it started: not stopped");
        }
    }

    private static List<ProcessRecord> Find(string dataDirectory, IReadOnlyList<string> executables)
    {
        var shell = LaunchChain.Tool("sh");
        var found = new List<ProcessRecord>();
        foreach (var pid in ProcessTable.AllPids())
        {
            var executable = ProcessTable.Executable(pid);
            if (executable is null || (executable != shell && !executables.Contains(executable)))
                continue;
            if (PosixFiles.RealPath($"/proc/{pid}/cwd") != dataDirectory)
                continue;
            if (executable == shell && !ProcessTable.Arguments(pid).Contains("arc-supervise"))
                continue;
            if (ProcessTable.StartTicks(pid) is { } ticks)
                found.Add(new ProcessRecord(Path.GetFileName(executable), pid, ticks, executable, [], "", DateTimeOffset.MinValue, executable));
        }
        return found;
    }

    private async Task StopAllAsync(List<ProcessRecord> processes, CancellationToken cancellationToken)
    {
        if (processes.Count == 0)
            return;
        Signal(processes, PosixSignals.SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (processes.Any(ProcessTable.IsSameProcess) && DateTime.UtcNow < deadline)
            await Task.Delay(PollInterval, cancellationToken);
        Signal(processes.Where(ProcessTable.IsSameProcess), PosixSignals.SigKill);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (processes.Any(ProcessTable.IsSameProcess) && DateTime.UtcNow < deadline)
            await Task.Delay(PollInterval, cancellationToken);
    }

    private static void Signal(IEnumerable<ProcessRecord> processes, int signal)
    {
        foreach (var process in processes.Where(ProcessTable.IsSameProcess))
        {
            // A supervisor leads its group: signalling the group reaches the server it runs too.
            if (ProcessTable.GroupOf(process.Pid) == process.Pid)
                PosixSignals.SignalGroup(process.Pid, signal);
            else
                PosixSignals.Signal(process.Pid, signal);
        }
    }

    private static string Describe(IEnumerable<ProcessRecord> processes) =>
        string.Join(", ", processes.Select(p => $"pid {p.Pid} ({p.Name})"));
}
