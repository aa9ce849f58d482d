using System.Collections.Concurrent;
using Arc.Platform.Compose;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Yaml;

namespace Arc.Platform.Drivers.Native;

public sealed record NativeDriverOptions
{
    /// <summary>How long a server may take to exit after SIGTERM before it gets SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When a native log rotates and how many rotated files are kept.</summary>
    public LogLimits Logs { get; init; } = LogLimits.Default;
}

/// <summary>
/// Runs services as local processes, each under a supervisor, with state under <c>&lt;root&gt;/.arc/</c>
/// (DESIGN.md §5). The command lines come from each technology's <see cref="ITechnology.PlanNativeLaunch"/>,
/// derived from the compose file, so both drivers run the same server configuration.
/// </summary>
public sealed class NativeDriver : IServiceDriver
{
    private static readonly Lock UserSetup = new();
    /// <summary>What runs a service whose runtime is not installed here: its compose file, under docker.</summary>
    private static readonly Remedy OtherDriver = new UseDriver(DriverChoice.Docker);
    private readonly Func<ServiceDefinition, ITechnology> _technologyFor;
    private readonly NativeDriverOptions _options;
    private readonly RunRecordStore _records;
    private readonly ConcurrentDictionary<string, NativeLaunchPlan> _plans = new(StringComparer.Ordinal);

    public NativeDriver(string root, Func<ServiceDefinition, ITechnology> technologyFor, NativeDriverOptions? options = null)
    {
        Root = Path.GetFullPath(root);
        Paths = new NativePaths(Root);
        _records = new RunRecordStore(Paths);
        _technologyFor = technologyFor;
        _options = options ?? new NativeDriverOptions();
    }

    public string Name => "native";
    public string Root { get; }
    public NativePaths Paths { get; }

    /// <summary>True when a live process of ours runs this service (used to pick the driver of a running stack).</summary>
    public bool IsRunning(ServiceDefinition service) => LiveRecord(service.Codename) is not null;

    /// <summary>The run record of a live supervisor, or null (also when the record cannot be read).</summary>
    public NativeRunRecord? LiveRecord(string codename)
    {
        try
        {
            return _records.Load(codename).Record is { } record && ProcessTable.IsSameProcess(record.Server) ? record : null;
        }
        catch (DriverException)
        {
            return null;
        }
    }

    /// <summary>The pid of the server a live supervisor runs now, or null (stopped, or between restarts).</summary>
    public static int? ServerPid(ProcessRecord supervisor) =>
        ProcessTable.IsSameProcess(supervisor) ? SupervisorScript.ServerAmong(SupervisorScript.ChildrenOf(supervisor.Pid), supervisor.Program) : null;

    public async Task<StartOutcome> StartAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Everything that could stop a launch half-way is checked before anything starts.
        StateTree.EnsureDirectories(Paths);
        // Planned afresh: an inspection earlier in this invocation may predate the credentials `up` just generated.
        _plans.TryRemove(service.Codename, out _);
        var plan = Plan(service);
        if (plan.MissingRuntimeRemedy is { } remedy)
            return new StartOutcome(StartKind.Skipped, remedy) { Remedy = OtherDriver };
        LaunchGuard.Check(Root, service, plan);
        CheckServiceFiles(service, plan);
        var existing = _records.Read(service.Codename);
        if (existing is not null && ProcessTable.IsSameProcess(existing.Server))
        {
            var refreshed = existing with { Sidecars = await StartMissingSidecarsAsync(service, plan, existing.Sidecars) };
            _records.Write(refreshed);
            return new StartOutcome(StartKind.AlreadyRunning, $"pid {ServerPid(existing.Server) ?? existing.Server.Pid}");
        }
        if (existing is not null)
            return await StartReplacingStaleAsync(service, plan, existing, cancellationToken);
        return await StartFreshAsync(service, plan);
    }

    private void CheckServiceFiles(ServiceDefinition service, NativeLaunchPlan plan)
    {
        StateTree.CheckFile(Paths.RecordFile(service.Codename));
        StateTree.CheckFile(Paths.RecordFile(service.Codename) + ".tmp");
        StateTree.CheckDirectory(Paths.DataDirectory(service.Codename), ownedByServerUser: true);
        foreach (var process in NamedSidecars(service, plan).Select(s => ProcessName(service, s.Name)).Prepend(service.Codename))
        {
            var files = Paths.Supervised(process);
            foreach (var file in files.Rotations(_options.Logs.Keep).Prepend(files.Log).Append(files.RestartsFile))
                StateTree.CheckFile(file, ownedByServerUser: true);
        }
    }

    private async Task<StartOutcome> StartReplacingStaleAsync(ServiceDefinition service, NativeLaunchPlan plan, NativeRunRecord stale, CancellationToken cancellationToken)
    {
        // The supervisor died (kill -9, reboot) or its pid now belongs to another program: the record
        // describes nothing. What it started may still run and hold its ports; it goes with it.
        foreach (var process in stale.Sidecars.Prepend(stale.Server))
            await ProcessStopper.StopAsync(process, _options.StopGrace, cancellationToken);
        _records.Delete(service.Codename);
        return await StartFreshAsync(service, plan);
    }

    private async Task<StartOutcome> StartFreshAsync(ServiceDefinition service, NativeLaunchPlan plan)
    {
        EnsurePortsFree(service);
        var dataDirectory = PrepareDataDirectory(service.Codename);
        foreach (var (path, content) in plan.Files)
            ReplacingWriter.Write(path, content);
        var server = await SupervisedLauncher.LaunchAsync(service.Codename, plan, dataDirectory, Paths.Supervised(service.Codename), _options.Logs);
        var record = new NativeRunRecord(service.Codename, server,
            service.Ports.ToDictionary(p => p.Name, p => p.Host), []);
        // Written before the sidecars start, so a failure from here on still leaves a record that stops the server.
        await WriteOrStopAsync(record, [server]);
        var sidecars = await StartMissingSidecarsAsync(service, plan, []);
        await WriteOrStopAsync(record with { Sidecars = sidecars }, sidecars);
        return new StartOutcome(StartKind.Started, $"pid {ServerPid(server) ?? server.Pid}");
    }

    /// <summary>A process no record names could never be stopped by `down`: when the record cannot be written (a full disk), they stop.</summary>
    private async Task WriteOrStopAsync(NativeRunRecord record, IReadOnlyList<ProcessRecord> started)
    {
        try
        {
            _records.Write(record);
        }
        catch (DriverException)
        {
            foreach (var process in started)
                await ProcessStopper.StopAsync(process, _options.StopGrace, CancellationToken.None);
            throw;
        }
    }

    private async Task<List<ProcessRecord>> StartMissingSidecarsAsync(ServiceDefinition service, NativeLaunchPlan plan, IReadOnlyList<ProcessRecord> known)
    {
        var result = new List<ProcessRecord>();
        foreach (var (sidecar, name) in NamedSidecars(service, plan))
        {
            if (sidecar.MissingRuntimeRemedy is not null)
                continue;
            var running = known.FirstOrDefault(k => k.Name == name && ProcessTable.IsSameProcess(k));
            if (running is null && ForeignHolderOfPort(service, name) is not null)
                continue;   // an exporter is optional: the server still starts, and status names the holder
            result.Add(running ?? await SupervisedLauncher.LaunchAsync(name, sidecar, Paths.DataDirectory(service.Codename),
                Paths.Supervised(ProcessName(service, name)), _options.Logs));
        }
        return result;
    }

    private static string ProcessName(ServiceDefinition service, string sidecar) => $"{service.Codename}-{sidecar}";

    /// <summary>When the metrics exporter's port answers although our exporter does not run: who holds it.</summary>
    private static string? ForeignHolderOfPort(ServiceDefinition service, string sidecarName)
    {
        if (service.Metrics is not { } metrics || metrics.Exporter != sidecarName || !PortCheck.IsAnswering(metrics.Port))
            return null;
        var holder = PortCheck.DescribeListener(metrics.Port);
        return $"port {metrics.Port} on 127.0.0.1 is held by {(holder.Length > 0 ? holder : "another process")}";
    }

    private static IEnumerable<(NativeLaunchPlan Plan, string Name)> NamedSidecars(ServiceDefinition service, NativeLaunchPlan plan) =>
        plan.Sidecars.Select((sidecar, index) => (sidecar, SidecarName(service, sidecar, index)));

    private static string SidecarName(ServiceDefinition service, NativeLaunchPlan sidecar, int index) =>
        sidecar.Executable.Length > 0 ? Path.GetFileName(sidecar.Executable)
        : index == 0 && service.Metrics?.Exporter is { } exporter ? exporter
        : $"sidecar-{index + 1}";

    private static void EnsurePortsFree(ServiceDefinition service)
    {
        foreach (var port in service.Ports)
        {
            if (!PortCheck.IsAnswering(port.Host))
                continue;
            var holder = PortCheck.DescribeListener(port.Host);
            var by = holder.Length > 0 ? $" by {holder}" : " by another process";
            throw new DriverException(
                $"{service.Codename}: port {port.Host} ({port.Name}) on 127.0.0.1 is already in use{by}; stop it or change ports.{port.Name} in {service.File}");
        }
    }

    private string PrepareDataDirectory(string codename)
    {
        var directory = Paths.DataDirectory(codename);
        StateTree.CheckDirectory(directory, ownedByServerUser: true);
        Directory.CreateDirectory(directory);
        // Checked again: chmod follows links, and nothing but root can change .arc/data between the two.
        StateTree.CheckDirectory(directory, ownedByServerUser: true);
        PosixFiles.Chmod(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        lock (UserSetup)
            ServerUser.EnsureExists();
        ServerUser.EnsureReachable(directory);
        ServerUser.GiveOwnership(directory);
        return directory;
    }

    public async Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var read = _records.Load(service.Codename);
        if (read.Problem is { } problem)
        {
            var ports = service.Ports.Select(p => (p.Name, p.Host)).ToList();
            await new ProvenServers(Paths, _options.StopGrace).StopAsync(service.Codename, ports, ExecutablesOf(service), problem, cancellationToken);
            _records.Delete(service.Codename);
            return;
        }
        if (read.Record is not { } record)
            return;
        await ProcessStopper.StopAllAsync(record, _options.StopGrace, cancellationToken);
        _records.Delete(service.Codename);
    }

    /// <summary>The server and exporter executables the compose file names, or none when it cannot be read.</summary>
    private IReadOnlyList<string> ExecutablesOf(ServiceDefinition service)
    {
        try
        {
            var plan = Plan(service);
            return [.. plan.Sidecars.Prepend(plan).Where(p => p.Executable.Length > 0).Select(p => LaunchChain.RealPath(p.Executable))];
        }
        catch (Exception e) when (e is ConfigException or DriverException)
        {
            return [];
        }
    }

    public async Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        await StopAsync(service, cancellationToken);
        var data = Paths.DataDirectory(service.Codename);
        try
        {
            StateTree.CheckDirectory(data, ownedByServerUser: true);
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
            foreach (var log in StateFilesOf(service.Codename))
                File.Delete(log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DriverException($"{service.Codename}: could not delete its data: {e.Message}");
        }
    }

    private IEnumerable<string> StateFilesOf(string codename) =>
        Directory.Exists(Paths.LogDirectory)
            ? Directory.GetFiles(Paths.LogDirectory, codename + ".*").Concat(Directory.GetFiles(Paths.LogDirectory, codename + "-*"))
            : [];

    public Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        // One read of the record per inspection: the readiness loop inspects on every poll.
        var read = _records.Load(service.Codename);
        var record = read.Record is { } recorded && ProcessTable.IsSameProcess(recorded.Server) ? recorded : null;
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
        var sidecars = NamedSidecars(service, plan).Select(s => DescribeSidecar(service, s.Plan, s.Name, record)).ToList();
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
        var children = SupervisorScript.ChildrenOf(supervisor.Pid);
        if (SupervisorScript.ServerAmong(children, supervisor.Program) is not { } pid)
        {
            // Between the supervisor's fork and the server's exec the launch chain runs env: the server
            // is starting, not dead. Only a back-off (the supervisor's own sleep) means it is down, and
            // coming back: restarting.
            if (SupervisorScript.IsBackingOff(children))
                return new RuntimeInfo(false, $"supervisor pid {supervisor.Pid}", ports, sidecars,
                    $"restarting under supervisor pid {supervisor.Pid} ({restarts.Describe()})")
                { Restarting = restarts };
            return new RuntimeInfo(true, $"supervisor pid {supervisor.Pid}", ports, sidecars,
                $"starting under supervisor pid {supervisor.Pid} (restarts: {restarts.Count})");
        }
        // The server's own start, not the supervisor's: after a restart, status tells when this one began.
        var since = ProcessTable.StartedAt(pid) ?? supervisor.StartedAt;
        return new RuntimeInfo(true, $"pid {pid}", ports, sidecars,
            $"pid {pid} as {supervisor.User} since {since:u}, restarts: {restarts.Count}")
        { StartedAt = since };
    }

    private static SidecarInfo DescribeSidecar(ServiceDefinition service, NativeLaunchPlan plan, string name, NativeRunRecord? record)
    {
        if (plan.MissingRuntimeRemedy is { } remedy)
            return new SidecarInfo(name, false, $"absent: {remedy}");
        var running = record?.Sidecars.FirstOrDefault(s => s.Name == name && ProcessTable.IsSameProcess(s));
        if (running is not null)
            return new SidecarInfo(name, true, $"pid {ServerPid(running) ?? running.Pid}");
        return new SidecarInfo(name, false, ForeignHolderOfPort(service, name) is { } held ? $"not running: {held}" : "not running");
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
        var groups = record.Sidecars.Append(record.Server).Where(ProcessTable.IsSameProcess).Select(p => p.Pid).ToList();
        var pids = ProcessTable.GroupsMembers(groups);
        var offLoopback = ListeningSockets.OffLoopback(pids);
        if (offLoopback.Count == 0)
            return null;
        await StopAsync(service, cancellationToken);
        return $"stopped: it listened off loopback ({string.Join("; ", offLoopback)}); arc runs services on 127.0.0.1 only";
    }

    /// <summary>The launch plan, computed once per service and invocation (the wait loop inspects often).</summary>
    public NativeLaunchPlan Plan(ServiceDefinition service) =>
        _plans.GetOrAdd(service.Codename, _ => PlanNow(service));

    private NativeLaunchPlan PlanNow(ServiceDefinition service)
    {
        var technology = _technologyFor(service);
        var context = new NativeLaunchContext(Paths.DataDirectory(service.Codename), Paths.LogFile(service.Codename))
        {
            Credentials = Secrets.ServiceCredentials.Of(service, technology.Connection),
        };
        return technology.PlanNativeLaunch(service, ComposeServiceOf(service), context);
    }

    private ComposeService ComposeServiceOf(ServiceDefinition service)
    {
        var display = Path.GetRelativePath(Root, service.ComposeFile);
        if (!File.Exists(service.ComposeFile))
            throw new ConfigException(display, 1, 1, $"file not found; {service.Codename} needs it to derive its native command line");
        return ComposeFile.Load(service.ComposeFile, display).Service(service.Name)
            ?? throw new ConfigException(display, 1, 1, $"no service '{service.Name}' under 'services'");
    }
}
