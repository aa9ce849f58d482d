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

    /// <summary>The operating system the driver asks about its processes; tests give it an in-memory one.</summary>
    internal INativeHost Host { get; init; } = SystemNativeHost.Instance;
}

/// <summary>
/// Runs services as local processes, each under a supervisor, with state under <c>&lt;root&gt;/.arc/</c>
/// (DESIGN.md §5). The command lines come from <see cref="NativeLaunchPlanner"/> over each technology's <see cref="INativeLaunchFacts"/>,
/// derived from the compose file, so both drivers run the same server configuration.
/// </summary>
public sealed partial class NativeDriver : IServiceDriver
{
    private static readonly Lock UserSetup = new();
    /// <summary>What runs a service whose runtime is not installed here: its compose file, under docker.</summary>
    private static readonly Remedy OtherDriver = new UseDriver(DriverChoice.Docker);
    private readonly Func<ServiceDefinition, ITechnology> _technologyFor;
    private readonly NativeDriverOptions _options;
    private readonly RunRecordStore _records;
    private readonly INativeHost _host;
    private readonly ProcessStopper _stopper;
    private readonly ConcurrentDictionary<string, NativeLaunchPlan> _plans = new(StringComparer.Ordinal);

    public NativeDriver(string root, Func<ServiceDefinition, ITechnology> technologyFor, NativeDriverOptions? options = null)
    {
        Root = Path.GetFullPath(root);
        Paths = new NativePaths(Root);
        _records = new RunRecordStore(Paths);
        _technologyFor = technologyFor;
        _options = options ?? new NativeDriverOptions();
        _host = _options.Host;
        _stopper = new ProcessStopper(_host, _options.StopGrace);
    }

    public string Name => "native";

    /// <summary>It audits listeners after a start, and its run records prove what it started without the configuration.</summary>
    public DriverCapabilities Capabilities => new()
    {
        AuditsListeners = true,
        RecordStop = root => new RecordedServers(root, new NativeDriverOptions { Host = _host }),
        KeepsStateFor = codename => File.Exists(Paths.RecordFile(codename)) || Directory.Exists(Paths.DataDirectory(codename)),
    };

    public Task<string?> AuditListenersAsync(ServiceDefinition service, CancellationToken cancellationToken) => EnforceLoopbackAsync(service, cancellationToken);

    public string Root { get; }
    public NativePaths Paths { get; }

    /// <summary>True when a live process of ours runs this service (used to pick the driver of a running stack).</summary>
    public bool IsRunning(ServiceDefinition service) => LiveRecord(service.Codename) is not null;

    /// <summary>The run record of a live supervisor, or null (also when the record cannot be read).</summary>
    public NativeRunRecord? LiveRecord(string codename)
    {
        try
        {
            return _records.Load(codename).Record is { } record && _host.IsSameProcess(record.Server) ? record : null;
        }
        catch (DriverException)
        {
            return null;
        }
    }

    /// <summary>The pid of the server a live supervisor runs now, or null (stopped, or between restarts).</summary>
    public static int? ServerPid(ProcessRecord supervisor) => SystemNativeHost.Instance.ServerPid(supervisor);

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
        if (existing is not null && _host.IsSameProcess(existing.Server))
        {
            var refreshed = existing with { Sidecars = await StartMissingSidecarsAsync(service, plan, existing.Sidecars) };
            _records.Write(refreshed);
            return new StartOutcome(StartKind.AlreadyRunning, $"pid {_host.ServerPid(existing.Server) ?? existing.Server.Pid}");
        }
        if (existing is not null)
            return await StartReplacingStaleAsync(service, plan, existing, cancellationToken);
        return await StartFreshAsync(service, plan);
    }

    private void CheckServiceFiles(ServiceDefinition service, NativeLaunchPlan plan)
    {
        StateTree.CheckFile(Paths.RecordFile(service.Codename));
        StateTree.CheckDirectory(Paths.DataDirectory(service.Codename), ownedByServerUser: true);
        foreach (var process in ServiceProcesses.NamedSidecars(service, plan).Select(s => ServiceProcesses.ProcessName(service, s.Name)).Prepend(service.Codename))
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
            await _stopper.StopAsync(process, cancellationToken);
        _records.Delete(service.Codename);
        return await StartFreshAsync(service, plan);
    }

    private async Task<StartOutcome> StartFreshAsync(ServiceDefinition service, NativeLaunchPlan plan)
    {
        ServiceProcesses.EnsurePortsFree(_host, service);
        var dataDirectory = PrepareDataDirectory(service.Codename);
        GeneratedFiles.Write(plan.Files);
        foreach (var writable in plan.ServerWritable)
            _host.GiveToServerUser(writable);
        var server = await SupervisedLauncher.LaunchAsync(_host, service.Codename, plan, dataDirectory, Paths.Supervised(service.Codename), _options.Logs);
        var record = new NativeRunRecord(service.Codename, server,
            service.Ports.ToDictionary(p => p.Name, p => p.Host), []);
        // Written before the sidecars start, so a failure from here on still leaves a record that stops the server.
        await WriteOrStopAsync(record, [server]);
        var sidecars = await StartMissingSidecarsAsync(service, plan, []);
        await WriteOrStopAsync(record with { Sidecars = sidecars }, sidecars);
        // The supervisor forks the server a moment after it starts: until then its pid is the one to name,
        // said as such, so `status` (the server's pid) never seems to contradict `up`.
        return new StartOutcome(StartKind.Started, _host.ServerPid(server) is { } pid ? $"pid {pid}" : $"supervisor pid {server.Pid}");
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
                await _stopper.StopAsync(process, CancellationToken.None);
            throw;
        }
    }

    private async Task<List<ProcessRecord>> StartMissingSidecarsAsync(ServiceDefinition service, NativeLaunchPlan plan, IReadOnlyList<ProcessRecord> known)
    {
        var result = new List<ProcessRecord>();
        foreach (var (sidecar, name) in ServiceProcesses.NamedSidecars(service, plan))
        {
            if (sidecar.MissingRuntimeRemedy is not null)
                continue;
            var running = known.FirstOrDefault(k => k.Name == name && _host.IsSameProcess(k));
            if (running is null && ServiceProcesses.ForeignHolderOfPort(_host, service, name) is not null)
                continue;   // an exporter is optional: the server still starts, and status names the holder
            result.Add(running ?? await SupervisedLauncher.LaunchAsync(_host, name, sidecar, Paths.DataDirectory(service.Codename),
                Paths.Supervised(ServiceProcesses.ProcessName(service, name)), _options.Logs));
        }
        return result;
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
            _host.EnsureServerUser();
        _host.EnsureReachableByServerUser(directory);
        _host.GiveToServerUser(directory);
        return directory;
    }

    /// <summary>The launch plan, computed once per service and invocation (the wait loop inspects often).</summary>
    public NativeLaunchPlan Plan(ServiceDefinition service) =>
        _plans.GetOrAdd(service.Codename, _ => PlanNow(service));

    /// <param name="locate">Finds the server's executable; null looks on this host.</param>
    private NativeLaunchPlan PlanNow(ServiceDefinition service, Func<string, string?>? locate = null)
    {
        var technology = _technologyFor(service);
        var context = new NativeLaunchContext(Paths.DataDirectory(service.Codename), Paths.LogFile(service.Codename))
        {
            Credentials = Secrets.ServiceCredentials.Of(service, technology.Connection),
            Locate = locate,
        };
        return NativeLaunchPlanner.Plan(technology, service, ComposeServiceOf(service), context);
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
