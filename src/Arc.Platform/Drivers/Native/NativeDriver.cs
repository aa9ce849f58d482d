using System.Collections.Concurrent;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Yaml;

namespace Arc.Platform.Drivers.Native;

public sealed record NativeDriverOptions
{
    /// <summary>How long a server may take to exit after SIGTERM before it gets SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Runs services as local processes with state under <c>&lt;root&gt;/.arc/</c> (DESIGN.md §5).
/// The command lines come from each technology's <see cref="ITechnology.PlanNativeLaunch"/>, derived
/// from the compose file, so both drivers run the same server configuration.
/// </summary>
public sealed class NativeDriver : IServiceDriver
{
    private static readonly Lock UserSetup = new();
    private readonly Func<ServiceDefinition, ITechnology> technologyFor;
    private readonly NativeDriverOptions options;
    private readonly RunRecordStore records;
    private readonly ConcurrentDictionary<string, NativeLaunchPlan> plans = new(StringComparer.Ordinal);

    public NativeDriver(string root, Func<ServiceDefinition, ITechnology> technologyFor, NativeDriverOptions? options = null)
    {
        Root = Path.GetFullPath(root);
        Paths = new NativePaths(Root);
        records = new RunRecordStore(Paths);
        this.technologyFor = technologyFor;
        this.options = options ?? new NativeDriverOptions();
    }

    public string Name => "native";
    public string Root { get; }
    public NativePaths Paths { get; }

    /// <summary>True when a live process of ours runs this service (used to pick the driver of a running stack).</summary>
    public bool IsRunning(ServiceDefinition service) => LiveRecord(service.Codename) is not null;

    /// <summary>The run record of a live server, or null.</summary>
    public NativeRunRecord? LiveRecord(string codename) =>
        records.Read(codename) is { } record && ProcessTable.IsSameProcess(record.Server) ? record : null;

    public Task<StartOutcome> StartAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var plan = Plan(service);
        if (plan.MissingRuntimeRemedy is { } remedy)
            return Task.FromResult(new StartOutcome(StartKind.Skipped, remedy));
        var existing = records.Read(service.Codename);
        if (existing is not null && ProcessTable.IsSameProcess(existing.Server))
        {
            var refreshed = existing with { Sidecars = StartMissingSidecars(service, plan, existing.Sidecars) };
            records.Write(refreshed);
            return Task.FromResult(new StartOutcome(StartKind.AlreadyRunning, $"pid {existing.Server.Pid}"));
        }
        if (existing is not null)
            return StartReplacingStaleAsync(service, plan, existing, cancellationToken);
        return Task.FromResult(StartFresh(service, plan));
    }

    private async Task<StartOutcome> StartReplacingStaleAsync(ServiceDefinition service, NativeLaunchPlan plan, NativeRunRecord stale, CancellationToken cancellationToken)
    {
        // The server died (kill -9, reboot) or its pid now belongs to another program: the record
        // describes nothing. Its exporters may still run and hold their ports; they go with it.
        foreach (var sidecar in stale.Sidecars)
            await ProcessStopper.StopAsync(sidecar, options.StopGrace, cancellationToken);
        records.Delete(service.Codename);
        return StartFresh(service, plan);
    }

    private StartOutcome StartFresh(ServiceDefinition service, NativeLaunchPlan plan)
    {
        EnsurePortsFree(service);
        plan.WriteFiles();
        var dataDirectory = PrepareDataDirectory(service.Codename);
        var server = DetachedLauncher.Launch(service.Codename, plan, dataDirectory, Paths.LogFile(service.Codename));
        var record = new NativeRunRecord(service.Codename, server,
            service.Ports.ToDictionary(p => p.Name, p => p.Host), []);
        // Written before the sidecars start, so a failure from here on still leaves a record that stops the server.
        records.Write(record);
        records.Write(record with { Sidecars = StartMissingSidecars(service, plan, []) });
        return new StartOutcome(StartKind.Started, $"pid {server.Pid}");
    }

    private List<ProcessRecord> StartMissingSidecars(ServiceDefinition service, NativeLaunchPlan plan, IReadOnlyList<ProcessRecord> known)
    {
        var result = new List<ProcessRecord>();
        foreach (var (sidecar, name) in NamedSidecars(service, plan))
        {
            if (sidecar.MissingRuntimeRemedy is not null)
                continue;
            var running = known.FirstOrDefault(k => k.Name == name && ProcessTable.IsSameProcess(k));
            if (running is null && ForeignHolderOfPort(service, name) is not null)
                continue;   // an exporter is optional: the server still starts, and status names the holder
            result.Add(running ?? DetachedLauncher.Launch(name, sidecar, Paths.DataDirectory(service.Codename), Paths.SidecarLogFile(service.Codename, name)));
        }
        return result;
    }

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
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        lock (UserSetup)
            ServerUser.EnsureExists();
        ServerUser.EnsureReachable(directory);
        ServerUser.GiveOwnership(directory);
        return directory;
    }

    public async Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var record = records.Read(service.Codename);
        if (record is null)
            return;
        foreach (var sidecar in record.Sidecars)
            await ProcessStopper.StopAsync(sidecar, options.StopGrace, cancellationToken);
        await ProcessStopper.StopAsync(record.Server, options.StopGrace, cancellationToken);
        records.Delete(service.Codename);
    }

    public async Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        await StopAsync(service, cancellationToken);
        var data = Paths.DataDirectory(service.Codename);
        try
        {
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
            foreach (var log in LogFilesOf(service.Codename))
                File.Delete(log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DriverException($"{service.Codename}: could not delete its data: {e.Message}");
        }
    }

    private IEnumerable<string> LogFilesOf(string codename) =>
        Directory.Exists(Paths.LogDirectory)
            ? Directory.GetFiles(Paths.LogDirectory, codename + ".log").Concat(Directory.GetFiles(Paths.LogDirectory, codename + "-*.log"))
            : [];

    public Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        var plan = Plan(service);
        if (plan.MissingRuntimeRemedy is { } remedy)
            return Task.FromResult(RuntimeInfo.Stopped(remedy) with { RuntimeMissing = true });
        var record = LiveRecord(service.Codename);
        var sidecars = NamedSidecars(service, plan).Select(s => DescribeSidecar(service, s.Plan, s.Name, record)).ToList();
        if (service.Metrics?.Exporter is { } exporter && sidecars.All(s => s.Name != exporter))
            sidecars.Add(new SidecarInfo(exporter, false, "absent (not installed)"));
        if (record is null)
            return Task.FromResult(RuntimeInfo.Stopped() with { Sidecars = sidecars });
        var ports = service.Ports.Select(p => $"127.0.0.1:{p.Host}").ToList();
        var server = record.Server;
        return Task.FromResult(new RuntimeInfo(true, $"pid {server.Pid}", ports, sidecars,
            $"pid {server.Pid} as {server.User} since {server.StartedAt:u}"));
    }

    private static SidecarInfo DescribeSidecar(ServiceDefinition service, NativeLaunchPlan plan, string name, NativeRunRecord? record)
    {
        if (plan.MissingRuntimeRemedy is { } remedy)
            return new SidecarInfo(name, false, $"absent: {remedy}");
        var running = record?.Sidecars.FirstOrDefault(s => s.Name == name && ProcessTable.IsSameProcess(s));
        if (running is not null)
            return new SidecarInfo(name, true, $"pid {running.Pid}");
        return new SidecarInfo(name, false, ForeignHolderOfPort(service, name) is { } held ? $"not running: {held}" : "not running");
    }

    public IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, CancellationToken cancellationToken) =>
        LogFileReader.ReadAsync(Paths.LogFile(service.Codename), follow, cancellationToken);

    /// <summary>The launch plan, computed once per service and invocation (the wait loop inspects often).</summary>
    public NativeLaunchPlan Plan(ServiceDefinition service) =>
        plans.GetOrAdd(service.Codename, _ => technologyFor(service).PlanNativeLaunch(service, ComposeServiceOf(service),
            new NativeLaunchContext(Paths.DataDirectory(service.Codename), Paths.LogFile(service.Codename))));

    private ComposeService ComposeServiceOf(ServiceDefinition service)
    {
        var display = Path.GetRelativePath(Root, service.ComposeFile);
        if (!File.Exists(service.ComposeFile))
            throw new ConfigException(display, 1, 1, $"file not found; {service.Codename} needs it to derive its native command line");
        return ComposeFile.Load(service.ComposeFile, display).Service(service.Name)
            ?? throw new ConfigException(display, 1, 1, $"no service '{service.Name}' under 'services'");
    }
}
