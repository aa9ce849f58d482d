using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// `arc up`: dependency layers in order, the services of a layer side by side; each is started, waited
/// for and provisioned. A service whose dependency is not healthy is not started; a skipped service fails
/// the run only when it was named explicitly or --strict is given (DESIGN.md §4).
/// </summary>
/// <remarks>
/// Ctrl-C: every server started so far keeps running with a valid run record (records are written before
/// the wait begins), so the state is exactly what `arc status` shows; a later `up` adopts the processes
/// and `down` stops them. Stopping them instead would turn an impatient Ctrl-C into a second, slower
/// operation the user did not ask for.
/// </remarks>
internal sealed class UpOperation(LifecycleContext context)
{
    public async Task<LifecycleResult> RunAsync(TargetSelection selection, UpOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var _ = await context.AcquireLockAsync(options.LockWait(selection), cancellationToken);
        var driver = await context.Drivers.ForStartAsync(options.Driver, cancellationToken);
        selection = await HaSelection.ForUpAsync(selection, driver, options.Ha, cancellationToken);
        var outcomes = new Dictionary<string, ServiceOutcome>(StringComparer.Ordinal);
        try
        {
            foreach (var layer in selection.Layers)
            {
                var layerOutcomes = await Task.WhenAll(layer.Select(service => UpOneAsync(service, driver, selection, options, outcomes, cancellationToken)));
                foreach (var (service, outcome) in layer.Zip(layerOutcomes))
                    outcomes[service.Codename] = outcome;
            }
        }
        catch (OperationCanceledException)
        {
            context.Tell("", LifecycleStage.Interrupted, "");
            throw;
        }
        return LifecycleResult.Of(selection.Services.Select(s => outcomes[s.Codename]), clock.Elapsed);
    }

    private async Task<ServiceOutcome> UpOneAsync(ServiceDefinition service, IServiceDriver driver, TargetSelection selection,
        UpOptions options, IReadOnlyDictionary<string, ServiceOutcome> earlier, CancellationToken cancellationToken)
    {
        var failedDependency = service.DependsOn.FirstOrDefault(d => earlier.TryGetValue(d, out var r) && r.Report.Status != ServiceStatus.Healthy);
        if (failedDependency is not null)
            return context.Failed(service, driver, ServiceStatus.Stopped, $"not started: its dependency {failedDependency} is not healthy");

        StartOutcome start;
        try
        {
            if (Secrets.UpCredentials.Prepare(service, context.TechnologyFor(service).Connection, options.Insecure) is { } insecure)
                context.Tell(service.Codename, LifecycleStage.Note, insecure);
            start = await driver.StartAsync(service, cancellationToken);
        }
        catch (DriverException e)
        {
            return context.Failed(service, driver, e);
        }
        if (start.Kind == StartKind.Skipped)
        {
            context.Tell(service.Codename, LifecycleStage.Skipped, start.Detail, remedy: start.Remedy);
            return new ServiceOutcome(Report(service, driver, ServiceStatus.Skipped, null, start.Detail) with { Remedy = start.Remedy },
                options.Strict || selection.IsExplicit(service));
        }
        context.Tell(service.Codename, start.Kind == StartKind.Started ? LifecycleStage.Started : LifecycleStage.AlreadyRunning, start.Detail);
        if (!options.Wait)
            return new ServiceOutcome(Report(service, driver, ServiceStatus.Starting, null, $"{Describe(start)}; not waited for"), false);

        var technology = context.TechnologyFor(service);
        var wait = await ReadinessWaiter.WaitAsync(service, technology, driver, options.TimeoutFor(service), context.WaitProgressOf(service.Codename), cancellationToken);
        if (!wait.Healthy)
        {
            context.Tell(service.Codename, LifecycleStage.Failed, wait.LastProbe.Detail, logTail: wait.LogTail);
            return new ServiceOutcome(Report(service, driver, ServiceStatus.Unhealthy, LifecycleContext.Ms(wait.LastProbe.Latency), wait.LastProbe.Detail), true);
        }
        if (driver.Capabilities.AuditsListeners && await driver.AuditListenersAsync(service, cancellationToken) is { } offLoopback)
            return context.Failed(service, driver, ServiceStatus.Stopped, offLoopback);
        context.Tell(service.Codename, LifecycleStage.Healthy, $"healthy after {wait.Elapsed.TotalMilliseconds:0} ms");
        return await ProvisionAsync(service, driver, technology, start, wait, cancellationToken);
    }

    /// <summary>A provisioning failure is the service's failed row, not the command's crash: the server itself is healthy.</summary>
    private async Task<ServiceOutcome> ProvisionAsync(ServiceDefinition service, IServiceDriver driver, ITechnology technology,
        StartOutcome start, WaitResult wait, CancellationToken cancellationToken)
    {
        ProvisionReport provisioned;
        try
        {
            provisioned = await technology.ProvisionAsync(service, context.Registry.Root, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the server or its client library says (NATS API errors included) belongs in the row.
            return context.Failed(service, driver, ServiceStatus.Unhealthy, $"healthy, but provisioning failed: {e.Message}");
        }
        foreach (var line in provisioned.Applied)
            context.Tell(service.Codename, LifecycleStage.Provisioned, line);
        var detail = Describe(start);
        if (provisioned.Drift.Count > 0)
            detail += $"; drift not applied: {string.Join("; ", provisioned.Drift)}";
        return new ServiceOutcome(Report(service, driver, ServiceStatus.Healthy, LifecycleContext.Ms(wait.LastProbe.Latency), detail) with { Provisioned = provisioned.Items }, false);
    }

    private static ServiceReport Report(ServiceDefinition service, IServiceDriver driver, ServiceStatus status, double? latencyMs, string detail) =>
        LifecycleContext.Report(service, driver, status, latencyMs, detail);

    private static string Describe(StartOutcome start) => start.Kind == StartKind.Started ? $"started, {start.Detail}" : $"already running, {start.Detail}";
}
