using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc health` and `arc status`: one probe per service, beside what its driver says runs.</summary>
internal sealed class HealthOperation(LifecycleContext context)
{
    private static readonly TimeSpan OneShotProbeLimit = TimeSpan.FromSeconds(5);

    /// <summary>`arc health`: a skipped service fails only when named; an unhealthy one always does.</summary>
    public async Task<LifecycleResult> HealthAsync(TargetSelection selection, HealthOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        selection = HaSelection.ForExisting(selection, context.Drivers, options.Driver);
        var rows = await Task.WhenAll(selection.Services.Select(s => CheckAsync(s, selection, options.Deep, options.Driver, withRuntime: false, cancellationToken)));
        return LifecycleResult.Of(rows, clock.Elapsed);
    }

    /// <summary>
    /// `arc status`: every service of the registry, with pid or container, ports and sidecars in the detail.
    /// It fails as `health` does when a service is not healthy; none is named, so a skipped one does not fail it.
    /// </summary>
    public async Task<LifecycleResult> StatusAsync(StatusOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var layers = context.Registry.Resolve([.. context.Registry.Services.Select(s => s.Codename)]).Layers;
        var everything = HaSelection.ForExisting(new TargetSelection(layers, new HashSet<string>(StringComparer.Ordinal)), context.Drivers, options.Driver);
        var rows = await Task.WhenAll(everything.Services.Select(s => CheckAsync(s, everything, deep: false, options.Driver, withRuntime: true, cancellationToken)));
        return LifecycleResult.Of(rows, clock.Elapsed);
    }

    public async Task<ServiceOutcome> CheckAsync(ServiceDefinition service, TargetSelection selection, bool deep,
        DriverChoice choice, bool withRuntime, CancellationToken cancellationToken) =>
        await CheckAsync(service, selection, deep, await context.Drivers.ForExistingAsync(service, choice, cancellationToken), withRuntime, cancellationToken);

    /// <summary>One service's row as <paramref name="driver"/> runs it.</summary>
    public async Task<ServiceOutcome> CheckAsync(ServiceDefinition service, TargetSelection selection, bool deep,
        IServiceDriver driver, bool withRuntime, CancellationToken cancellationToken)
    {
        var technology = context.TechnologyFor(service);
        // A readiness probe only reads, so it runs while the driver inspects: one check costs the
        // slower of the two, not their sum. A deep probe writes, so it waits to know the runtime is there.
        var readiness = deep ? null : ReadinessWaiter.ProbeOnceAsync(service, technology, OneShotProbeLimit, cancellationToken);
        var runtime = await driver.InspectAsync(service, cancellationToken);
        if (runtime.RuntimeMissing)
        {
            if (readiness is not null)
                await readiness;
            return new ServiceOutcome(LifecycleContext.Report(service, driver, ServiceStatus.Skipped, null, runtime.Detail) with { Remedy = runtime.Remedy },
                selection.IsExplicit(service));
        }
        var probe = readiness is not null ? await readiness : await DeepProbeAsync(service, technology, cancellationToken);
        var status = probe.Healthy ? ServiceStatus.Healthy
            : runtime.Restarting is not null ? ServiceStatus.Restarting
            : runtime.Running ? ServiceStatus.Unhealthy
            : ServiceStatus.Stopped;
        var detail = probe.Healthy && !runtime.Running ? $"{probe.Detail} (answering, but not started by arc's {driver.Name} driver)"
            : status is ServiceStatus.Stopped or ServiceStatus.Restarting ? runtime.Detail
            : probe.Detail;
        if (withRuntime && runtime.Running)
            detail = $"{runtime.Detail}; ports {string.Join(",", runtime.Ports)}{Sidecars(runtime)}; {detail}";
        else if (withRuntime && runtime.Sidecars.Count > 0)
            detail += Sidecars(runtime);
        if (withRuntime && Secrets.UpCredentials.IsInsecure(service, technology.Connection))
            detail = $"{Secrets.UpCredentials.InsecureLabel}; {detail}";
        var role = withRuntime && probe.Healthy && service.Member is not null && technology is IClusterRoles roles
            ? await roles.RoleAsync(service, cancellationToken) : null;
        if (role is not null)
            detail = $"{role}; {detail}";
        // A stopped row is the runtime's story (an unreadable record names its way out); a running one is the probe's.
        var remedy = status == ServiceStatus.Stopped ? runtime.Remedy : null;
        return new ServiceOutcome(LifecycleContext.Report(service, driver, status, LifecycleContext.Ms(probe.Latency), detail) with { Remedy = remedy, Role = role },
            !probe.Healthy);
    }

    /// <summary>A round trip that throws is a failed probe with the client's message, not a crash.</summary>
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
}
