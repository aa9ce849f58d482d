namespace Arc.Platform.Drivers.Native;

/// <summary>
/// When a service's run record cannot be read, the processes arc can still prove are its own: they
/// run the service's server or exporter executable (or are its supervisor) with this checkout's data
/// directory as their working directory. Those are stopped; anything else on the service's ports is
/// named and left alone, and the stop fails, so `down` never reports stopped while a server runs.
/// </summary>
internal sealed class ProvenServers(NativePaths paths, TimeSpan grace, INativeHost host)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>With the registry: the executables its compose file names, and the ports its service.yaml publishes.</summary>
    public async Task StopAsync(string codename, IReadOnlyList<(string Name, int Host)> ports, IReadOnlyList<string> executables, string problem,
        CancellationToken cancellationToken)
    {
        await StopFoundAsync(codename, executables, problem, cancellationToken);
        foreach (var (name, port) in ports.Where(p => host.IsAnswering(p.Host)))
        {
            var holder = host.DescribeListener(port);
            throw new DriverException(
                $"{problem}; port {port} ({name}) is held by {(holder.Length > 0 ? holder : "a process")} that arc cannot prove it started: not stopped");
        }
    }

    /// <summary>
    /// Without the registry neither ports nor executables are known: what is proven is the supervisors
    /// (and the logger each one runs), and with them every member of their process groups, since the
    /// kernel never hands out a group id while a member lives. A process still working in the data
    /// directory outside those groups is named and left alone, and the stop fails.
    /// </summary>
    public async Task StopWithoutRegistryAsync(string codename, string problem, CancellationToken cancellationToken)
    {
        var groups = await StopFoundAsync(codename, [], problem, cancellationToken);
        if (PosixFiles.RealPath(paths.DataDirectory(codename)) is not { } dataDirectory)
            return;
        var deadline = host.UtcNow + TimeSpan.FromSeconds(5);
        List<int> left;
        while ((left = WorkingIn(dataDirectory)).Any(pid => host.GroupOf(pid) is { } group && groups.Contains(group)) && host.UtcNow < deadline)
        {
            foreach (var group in groups)
                host.SignalGroup(group, PosixSignals.SigKill);
            await host.DelayAsync(PollInterval, cancellationToken);
        }
        if (left.Count > 0)
            throw new DriverException(
                $"{problem}; {string.Join(", ", left.Select(pid => $"pid {pid} ({Path.GetFileName(host.Executable(pid) ?? "?")})"))} " +
                $"still runs in {dataDirectory}, and without a valid configuration arc cannot prove it started it: not stopped");
    }

    private List<int> WorkingIn(string directory) =>
        [.. host.AllPids().Where(pid => host.IsAlive(pid) && host.WorkingDirectory(pid) == directory)];

    /// <summary>Stops what <see cref="Find"/> proves; returns the process groups they led or belonged to.</summary>
    private async Task<HashSet<int>> StopFoundAsync(string codename, IReadOnlyList<string> executables, string problem, CancellationToken cancellationToken)
    {
        var dataDirectory = PosixFiles.RealPath(paths.DataDirectory(codename));
        var ours = dataDirectory is null ? [] : Find(dataDirectory, executables);
        var groups = ours.Select(p => host.GroupOf(p.Pid)).OfType<int>().ToHashSet();
        await StopAllAsync(ours, cancellationToken);
        var survivors = ours.Where(host.IsSameProcess).ToList();
        if (survivors.Count > 0)
            throw new DriverException($"{problem}; could not stop {Describe(survivors)}");
        return groups;
    }

    private List<ProcessRecord> Find(string dataDirectory, IReadOnlyList<string> executables)
    {
        var shell = LaunchChain.Tool("sh");
        var logger = LaunchChain.Tool("split");
        var found = new List<ProcessRecord>();
        foreach (var pid in host.AllPids())
        {
            var executable = host.Executable(pid);
            if (executable is null || (executable != shell && executable != logger && !executables.Contains(executable)))
                continue;
            if (host.WorkingDirectory(pid) != dataDirectory)
                continue;
            if (executable == shell && !host.Arguments(pid).Contains("arc-supervise"))
                continue;
            // A supervisor's logger outlives a supervisor killed with -9, in its group, beside the server.
            if (executable == logger && !host.Arguments(pid).Contains(SupervisorScript.LoggerPrefix))
                continue;
            if (host.StartTicks(pid) is { } ticks)
                found.Add(new ProcessRecord(Path.GetFileName(executable), pid, ticks, executable, [], "", DateTimeOffset.MinValue, executable));
        }
        return found;
    }

    private async Task StopAllAsync(List<ProcessRecord> processes, CancellationToken cancellationToken)
    {
        if (processes.Count == 0)
            return;
        Signal(processes, PosixSignals.SigTerm);
        var deadline = host.UtcNow + grace;
        while (processes.Any(host.IsSameProcess) && host.UtcNow < deadline)
            await host.DelayAsync(PollInterval, cancellationToken);
        Signal(processes.Where(host.IsSameProcess), PosixSignals.SigKill);
        deadline = host.UtcNow + TimeSpan.FromSeconds(5);
        while (processes.Any(host.IsSameProcess) && host.UtcNow < deadline)
            await host.DelayAsync(PollInterval, cancellationToken);
    }

    private void Signal(IEnumerable<ProcessRecord> processes, int signal)
    {
        foreach (var process in processes.Where(host.IsSameProcess))
        {
            // A supervisor leads its group: signalling the group reaches the server it runs too. A logger
            // ignores SIGTERM and ends with its writers: its group is signalled, the server with it.
            if (host.GroupOf(process.Pid) is { } group && (group == process.Pid || process.Executable == LaunchChain.Tool("split")))
                host.SignalGroup(group, signal);
            else
                host.Signal(process.Pid, signal);
        }
    }

    private static string Describe(IEnumerable<ProcessRecord> processes) =>
        string.Join(", ", processes.Select(p => $"pid {p.Pid} ({p.Name})"));
}
