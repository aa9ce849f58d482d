using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Yaml;

namespace Arc.Platform.Drivers.Native;

/// <summary>What runs now (status, health, the readiness loop), its logs, and the loopback audit after a start.</summary>
public sealed partial class NativeDriver
{
    public Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        // One read of the record per inspection: the readiness loop inspects on every poll.
        var read = _records.Load(service.Codename);
        var record = read.Record is { } recorded && _host.IsSameProcess(recorded.Server) ? recorded : null;
        NativeLaunchPlan plan;
        try
        {
            plan = Plan(service);
        }
        catch (ConfigException) when (record is not null)
        {
            // A broken compose file does not hide a server that runs: down must still find it.
            return Task.FromResult(Describe(service, record, []));
        }
        if (plan.MissingRuntimeRemedy is { } remedy)
            return Task.FromResult(RuntimeInfo.Stopped(remedy) with { RuntimeMissing = true, Remedy = OtherDriver });
        var sidecars = ServiceProcesses.NamedSidecars(service, plan).Select(s => DescribeSidecar(service, s.Plan, s.Name, record)).ToList();
        if (service.Metrics?.Exporter is { } exporter && sidecars.All(s => s.Name != exporter))
            sidecars.Add(new SidecarInfo(exporter, false, "absent (not installed)"));
        if (record is null)
            return Task.FromResult(read.Problem is { } problem
                ? RuntimeInfo.Stopped(problem) with { Sidecars = sidecars, Remedy = RunRecordStore.UnreadableRemedy }
                : RuntimeInfo.Stopped() with { Sidecars = sidecars });
        return Task.FromResult(Describe(service, record, sidecars));
    }

    private RuntimeInfo Describe(ServiceDefinition service, NativeRunRecord record, IReadOnlyList<SidecarInfo> sidecars)
    {
        var supervisor = record.Server;
        var restarts = Paths.Supervised(service.Codename).Restarts();
        var ports = service.Ports.Select(p => p.Endpoint.ToString()).ToList();
        // The record is live (checked by the caller): one read of the supervisor's children tells both.
        var children = _host.SupervisorChildren(supervisor.Pid);
        if (_host.ServerAmong(children, supervisor.Program) is not { } pid)
        {
            // Between the supervisor's fork and the server's exec the launch chain runs env: the server
            // is starting, not dead. Only a back-off (the supervisor's own sleep) means it is down, and
            // coming back: restarting.
            if (_host.IsBackingOff(children))
                return new RuntimeInfo(false, $"supervisor pid {supervisor.Pid}", ports, sidecars,
                    $"restarting under supervisor pid {supervisor.Pid} ({restarts.Describe()})")
                { Restarting = restarts };
            return new RuntimeInfo(true, $"supervisor pid {supervisor.Pid}", ports, sidecars,
                $"starting under supervisor pid {supervisor.Pid} (restarts: {restarts.Count})");
        }
        // The server's own start, not the supervisor's: after a restart, status tells when this one began.
        var since = _host.StartedAt(pid) ?? supervisor.StartedAt;
        return new RuntimeInfo(true, $"pid {pid}", ports, sidecars,
            $"pid {pid} as {supervisor.User} since {since:u}, restarts: {restarts.Count}")
        { StartedAt = since };
    }

    private SidecarInfo DescribeSidecar(ServiceDefinition service, NativeLaunchPlan plan, string name, NativeRunRecord? record)
    {
        if (plan.MissingRuntimeRemedy is { } remedy)
            return new SidecarInfo(name, false, $"absent: {remedy}");
        var running = record?.Sidecars.FirstOrDefault(s => s.Name == name && _host.IsSameProcess(s));
        if (running is not null)
            return new SidecarInfo(name, true, $"pid {_host.ServerPid(running) ?? running.Pid}");
        return new SidecarInfo(name, false, ServiceProcesses.ForeignHolderOfPort(_host, service, name) is { } held ? $"not running: {held}" : "not running");
    }

    public IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, CancellationToken cancellationToken) =>
        LogFileReader.ReadAsync(Paths.LogFile(service.Codename), follow, cancellationToken);

    /// <summary>
    /// After start: every listening socket of the processes this service runs. A listener off loopback
    /// stops the service; the answer names the socket. Null when all is well.
    /// </summary>
    public async Task<string?> EnforceLoopbackAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        if (LiveRecord(service.Codename) is not { } record)
            return null;
        // Whole process groups, not children: a listener forked and orphaned by the server is still in its group.
        var groups = record.Sidecars.Append(record.Server).Where(_host.IsSameProcess).Select(p => p.Pid).ToList();
        var pids = _host.GroupsMembers(groups);
        var offLoopback = _host.OffLoopback(pids);
        if (offLoopback.Count == 0)
            return null;
        await StopAsync(service, cancellationToken);
        return $"stopped: it listened off loopback ({string.Join("; ", offLoopback)}); arc runs services on 127.0.0.1 only";
    }
}
