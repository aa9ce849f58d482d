using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// Driver-agnostic orchestration of `arc up|down|clean|health|status|logs`: dependency layers in
/// order, services of a layer in parallel, readiness, provisioning, and the skipped rule of DESIGN.md §4.
/// </summary>
/// <remarks>
/// Ctrl-C during `up`: every server started so far keeps running with a valid run record (records are
/// written before the wait begins), so the state is exactly what `arc status` shows; a later `up` adopts
/// the processes and `down` stops them. Stopping them instead would turn an impatient Ctrl-C into
/// a second, slower operation the user did not ask for.
/// </remarks>
public sealed class ServiceLifecycle(
    ServiceRegistry registry,
    DriverSelection drivers,
    Func<ServiceDefinition, ITechnology> technologyFor,
    IProgress<LifecycleEvent>? events = null)
{
    private static readonly TimeSpan OneShotProbeLimit = TimeSpan.FromSeconds(5);

    public async Task<LifecycleResult> UpAsync(TargetSelection selection, UpOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var _ = await AcquireLockAsync(options.Timeout, cancellationToken);
        var driver = drivers.ForStart(options.Driver);
        var reports = new Dictionary<string, (ServiceReport Report, bool Fails)>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in selection.Layers)
            {
                var outcomes = await Task.WhenAll(layer.Select(service => UpOneAsync(service, driver, selection, options, reports, cancellationToken)));
                foreach (var (service, outcome) in layer.Zip(outcomes))
                    reports[service.Codename] = outcome;
            }
        }
        catch (OperationCanceledException)
        {
            Tell("", LifecycleStage.Note, "interrupted: servers already started keep running; `arc status` shows them, `arc down` stops them");
            throw;
        }
        var rows = selection.Services.Select(s => reports[s.Codename]).ToList();
        return new LifecycleResult([.. rows.Select(r => r.Report)], rows.All(r => !r.Fails), clock.Elapsed);
    }

    private async Task<(ServiceReport Report, bool Fails)> UpOneAsync(ServiceDefinition service, IServiceDriver driver, TargetSelection selection,
        UpOptions options, Dictionary<string, (ServiceReport Report, bool Fails)> earlier, CancellationToken cancellationToken)
    {
        var failedDependency = service.DependsOn.FirstOrDefault(d => earlier.TryGetValue(d, out var r) && r.Report.Status != ServiceStatus.Healthy);
        if (failedDependency is not null)
            return Failed(service, driver, ServiceStatus.Stopped, $"not started: its dependency {failedDependency} is not healthy");

        StartOutcome start;
        try
        {
            // Task.Run: a driver's start may block (spawning, chown), and the services of a layer start side by side.
            start = await Task.Run(() => driver.StartAsync(service, cancellationToken), cancellationToken);
        }
        catch (DriverException e)
        {
            return Failed(service, driver, ServiceStatus.Unhealthy, e.Message);
        }
        if (start.Kind == StartKind.Skipped)
        {
            var fails = options.Strict || selection.IsExplicit(service);
            Tell(service.Codename, LifecycleStage.Skipped, start.Detail);
            return (Report(service, driver, ServiceStatus.Skipped, null, start.Detail), fails);
        }
        Tell(service.Codename, start.Kind == StartKind.Started ? LifecycleStage.Started : LifecycleStage.AlreadyRunning, start.Detail);
        if (!options.Wait)
            return (Report(service, driver, ServiceStatus.Starting, null, $"{Describe(start)}; not waited for"), false);

        var technology = technologyFor(service);
        var progress = new Progress(this, service.Codename);
        var wait = await ReadinessWaiter.WaitAsync(service, technology, driver, options.Timeout, progress, cancellationToken);
        if (!wait.Healthy)
        {
            Tell(service.Codename, LifecycleStage.Failed, wait.LastProbe.Detail, logTail: wait.LogTail);
            return (Report(service, driver, ServiceStatus.Unhealthy, Ms(wait.LastProbe.Latency), wait.LastProbe.Detail), true);
        }
        if (driver is NativeDriver native && await native.EnforceLoopbackAsync(service, cancellationToken) is { } offLoopback)
            return Failed(service, driver, ServiceStatus.Stopped, offLoopback);
        Tell(service.Codename, LifecycleStage.Healthy, $"healthy after {wait.Elapsed.TotalMilliseconds:0} ms");
        return await ProvisionAsync(service, driver, technology, start, wait, cancellationToken);
    }

    private async Task<(ServiceReport, bool)> ProvisionAsync(ServiceDefinition service, IServiceDriver driver, ITechnology technology,
        StartOutcome start, WaitResult wait, CancellationToken cancellationToken)
    {
        ProvisionReport provisioned;
        try
        {
            provisioned = await technology.ProvisionAsync(service, registry.Root, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(service, driver, ServiceStatus.Unhealthy, $"healthy, but provisioning failed: {e.Message}");
        }
        foreach (var line in provisioned.Applied)
            Tell(service.Codename, LifecycleStage.Provisioned, line);
        var detail = Describe(start);
        if (provisioned.Drift.Count > 0)
            detail += $"; drift not applied: {string.Join("; ", provisioned.Drift)}";
        return (Report(service, driver, ServiceStatus.Healthy, Ms(wait.LastProbe.Latency), detail) with { Provisioned = provisioned.Items }, false);
    }

    public Task<LifecycleResult> DownAsync(TargetSelection selection, DriverChoice choice, CancellationToken cancellationToken) =>
        StopAllAsync(selection, choice, clean: false, cancellationToken);

    public Task<LifecycleResult> CleanAsync(TargetSelection selection, DriverChoice choice, CancellationToken cancellationToken) =>
        StopAllAsync(selection, choice, clean: true, cancellationToken);

    /// <summary>`arc clean --images` (the `-nuke` targets): clean, and remove the images where the driver has any.</summary>
    public Task<LifecycleResult> CleanAsync(TargetSelection selection, DriverChoice choice, bool removeImages, CancellationToken cancellationToken) =>
        StopAllAsync(selection, choice, clean: true, cancellationToken, removeImages);

    /// <summary>`arc build`: builds each selected service's images with the docker driver, then reports its state as `status` does.</summary>
    public async Task<LifecycleResult> BuildAsync(TargetSelection selection, bool noCache, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var driver = drivers.ForStart(DriverChoice.Docker);
        if (driver is not IImageDriver images)
            throw new DriverException($"the {driver.Name} driver builds no images");
        var rows = new List<(ServiceReport Report, bool Fails)>();
        foreach (var service in selection.Services)
        {
            string built;
            try
            {
                built = await images.BuildAsync(service, noCache, cancellationToken);
            }
            catch (DriverException e)
            {
                rows.Add(Failed(service, driver, ServiceStatus.Unhealthy, e.Message));
                continue;
            }
            Tell(service.Codename, LifecycleStage.Built, built);
            var (report, _) = await CheckAsync(service, selection, deep: false, DriverChoice.Docker, cancellationToken);
            rows.Add((report with { Detail = $"{built}; {report.Detail}" }, false));
        }
        return new LifecycleResult([.. rows.Select(r => r.Report)], rows.All(r => !r.Fails), clock.Elapsed);
    }

    /// <summary>Stops dependents before what they depend on: layers in reverse.</summary>
    private async Task<LifecycleResult> StopAllAsync(TargetSelection selection, DriverChoice choice, bool clean, CancellationToken cancellationToken,
        bool removeImages = false)
    {
        var clock = Stopwatch.StartNew();
        using var _ = await AcquireLockAsync(InvocationLock.DefaultWait, cancellationToken);
        var reports = new Dictionary<string, ServiceReport>(StringComparer.Ordinal);
        foreach (var layer in selection.Layers.Reverse())
        {
            await Task.WhenAll(layer.Select(async service =>
            {
                var driver = drivers.ForExisting(service, choice);
                if (!clean && (await driver.InspectAsync(service, cancellationToken)).RuntimeMissing)
                {
                    lock (reports)
                        reports[service.Codename] = Report(service, driver, ServiceStatus.Skipped, null, "not installed here; nothing to stop");
                    return;
                }
                var imagesToo = removeImages && driver is IImageDriver;
                if (driver is IImageDriver images && removeImages)
                    await images.RemoveImagesAsync(service, cancellationToken);
                else if (clean)
                    await driver.CleanAsync(service, cancellationToken);
                else
                    await driver.StopAsync(service, cancellationToken);
                var detail = imagesToo ? "stopped; data and images deleted" : clean ? "stopped; data deleted" : "stopped; data kept";
                Tell(service.Codename, clean ? LifecycleStage.Cleaned : LifecycleStage.Stopped, detail);
                lock (reports)
                    reports[service.Codename] = Report(service, driver, ServiceStatus.Stopped, null, detail);
            }));
        }
        return new LifecycleResult([.. selection.Services.Select(s => reports[s.Codename])], true, clock.Elapsed);
    }

    /// <summary>`arc health`: one probe per service (real round trips with <paramref name="deep"/>).</summary>
    public async Task<LifecycleResult> HealthAsync(TargetSelection selection, bool deep, DriverChoice choice, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var rows = await Task.WhenAll(selection.Services.Select(s => CheckAsync(s, selection, deep, choice, cancellationToken)));
        return new LifecycleResult([.. rows.Select(r => r.Report)], rows.All(r => !r.Fails), clock.Elapsed);
    }

    /// <summary>`arc status`: every service of the registry, with pid or container, ports and sidecars in the detail.</summary>
    public async Task<LifecycleResult> StatusAsync(DriverChoice choice, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var everything = registry.Resolve([.. registry.Services.Select(s => s.Codename)]);
        var rows = await Task.WhenAll(everything.Services.Select(s => CheckAsync(s, everything, deep: false, choice, cancellationToken, withRuntime: true)));
        return new LifecycleResult([.. rows.Select(r => r.Report)], true, clock.Elapsed);
    }

    private async Task<(ServiceReport Report, bool Fails)> CheckAsync(ServiceDefinition service, TargetSelection selection, bool deep,
        DriverChoice choice, CancellationToken cancellationToken, bool withRuntime = false)
    {
        var driver = drivers.ForExisting(service, choice);
        var runtime = await driver.InspectAsync(service, cancellationToken);
        if (runtime.RuntimeMissing)
            return (Report(service, driver, ServiceStatus.Skipped, null, runtime.Detail), selection.IsExplicit(service));
        var technology = technologyFor(service);
        var probe = deep
            ? await DeepProbeAsync(service, technology, cancellationToken)
            : await ReadinessWaiter.ProbeOnceAsync(service, technology, OneShotProbeLimit, cancellationToken);
        var status = probe.Healthy ? ServiceStatus.Healthy : runtime.Running ? ServiceStatus.Unhealthy : ServiceStatus.Stopped;
        var detail = probe.Healthy && !runtime.Running ? $"{probe.Detail} (answering, but not started by arc's {driver.Name} driver)"
            : status == ServiceStatus.Stopped ? runtime.Detail
            : probe.Detail;
        if (withRuntime && runtime.Running)
            detail = $"{runtime.Detail}; ports {string.Join(",", runtime.Ports)}{Sidecars(runtime)}; {detail}";
        else if (withRuntime && runtime.Sidecars.Count > 0)
            detail += Sidecars(runtime);
        return (Report(service, driver, status, Ms(probe.Latency), detail), !probe.Healthy);
    }

    private static async Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, ITechnology technology, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await technology.DeepProbeAsync(service, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ProbeResult.Fail(Stopwatch.GetElapsedTime(started), e.Message);
        }
    }

    private static string Sidecars(RuntimeInfo runtime) =>
        runtime.Sidecars.Count == 0 ? "" : "; " + string.Join(", ", runtime.Sidecars.Select(s => s.Running ? $"{s.Name} running ({s.Detail})" : $"{s.Name} {s.Detail}"));

    /// <summary>`arc logs`: every selected service's lines prefixed with its codename; with follow, interleaved as they come.</summary>
    public async IAsyncEnumerable<string> LogsAsync(TargetSelection selection, bool follow, DriverChoice choice,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var width = selection.Services.Max(s => s.Codename.Length);
        if (!follow)
        {
            foreach (var service in selection.Services)
                await foreach (var line in drivers.ForExisting(service, choice).LogsAsync(service, false, cancellationToken))
                    yield return Prefix(service, width, line);
            yield break;
        }
        // Each pump ends when cancellation ends its reader; the merged stream ends, quietly, when all have.
        var channel = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var pumps = selection.Services.Select(async service =>
        {
            await foreach (var line in drivers.ForExisting(service, choice).LogsAsync(service, true, cancellationToken))
                channel.Writer.TryWrite(Prefix(service, width, line));
        }).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(t => channel.Writer.TryComplete(t.IsCanceled ? null : t.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var line in channel.Reader.ReadAllAsync(CancellationToken.None))
            yield return line;
    }

    private static string Prefix(ServiceDefinition service, int width, string line) => $"{service.Codename.PadRight(width)} | {line}";

    private async Task<IDisposable> AcquireLockAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        await InvocationLock.AcquireAsync(registry.Root, note => Tell("", LifecycleStage.Note, note), limit, cancellationToken);

    private (ServiceReport, bool) Failed(ServiceDefinition service, IServiceDriver driver, ServiceStatus status, string detail)
    {
        Tell(service.Codename, LifecycleStage.Failed, detail);
        return (Report(service, driver, status, null, detail), true);
    }

    private static ServiceReport Report(ServiceDefinition service, IServiceDriver driver, ServiceStatus status, double? latencyMs, string detail) =>
        new(service.Codename, service.Name, status, driver.Name, Endpoint(service), latencyMs, detail);

    public static string Endpoint(ServiceDefinition service) => $"127.0.0.1:{service.Ports[0].Host}";

    private static string Describe(StartOutcome start) => start.Kind == StartKind.Started ? $"started, {start.Detail}" : $"already running, {start.Detail}";

    private static double Ms(TimeSpan latency) => Math.Round(latency.TotalMilliseconds, 2);

    private void Tell(string codename, LifecycleStage stage, string detail, WaitProgress? progress = null, IReadOnlyList<string>? logTail = null) =>
        events?.Report(new LifecycleEvent(codename, stage, detail, progress, logTail));

    /// <summary>Forwards wait progress synchronously (System.Progress would post it to the thread pool, out of order).</summary>
    private sealed class Progress(ServiceLifecycle owner, string codename) : IProgress<WaitProgress>
    {
        public void Report(WaitProgress value) => owner.Tell(codename, LifecycleStage.Waiting, value.Detail, value);
    }
}
