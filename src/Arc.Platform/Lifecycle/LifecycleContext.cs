using Arc.Platform.Drivers;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>What every lifecycle operation shares: the registry, the drivers, the technologies, and who hears the events.</summary>
internal sealed class LifecycleContext(
    ServiceRegistry registry,
    DriverSelection drivers,
    Func<ServiceDefinition, ITechnology> technologyFor,
    IProgress<LifecycleEvent>? events)
{
    public ServiceRegistry Registry { get; } = registry;
    public DriverSelection Drivers { get; } = drivers;

    public ITechnology TechnologyFor(ServiceDefinition service) => technologyFor(service);

    /// <summary>The lock that serialises state-changing invocations; waiting for it is told as a note.</summary>
    public async Task<IDisposable> AcquireLockAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        await InvocationLock.AcquireAsync(Registry.Root, note => Tell("", LifecycleStage.Note, note), limit, cancellationToken);

    public void Tell(string codename, LifecycleStage stage, string detail, WaitProgress? progress = null, IReadOnlyList<string>? logTail = null,
        Remedy? remedy = null) =>
        events?.Report(new LifecycleEvent(codename, stage, detail, progress, logTail) { Remedy = remedy });

    /// <summary>A failed row, told as it happens.</summary>
    public ServiceOutcome Failed(ServiceDefinition service, IServiceDriver driver, ServiceStatus status, string detail, Remedy? remedy = null)
    {
        Tell(service.Codename, LifecycleStage.Failed, detail, remedy: remedy);
        return new ServiceOutcome(Report(service, driver, status, null, detail) with { Remedy = remedy }, true);
    }

    /// <summary>A driver's refusal as a failed row: its message, and its remedy when it names one.</summary>
    public ServiceOutcome Failed(ServiceDefinition service, IServiceDriver driver, DriverException refusal) =>
        Failed(service, driver, ServiceStatus.Unhealthy, refusal.Message, refusal.Remedy);

    public static ServiceReport Report(ServiceDefinition service, IServiceDriver driver, ServiceStatus status, double? latencyMs, string detail) =>
        new(service.Codename, service.Name, status, driver.Name, Endpoint(service), latencyMs, detail) { MemberOf = service.Member?.Parent };

    public static string Endpoint(ServiceDefinition service) => service.Ports[0].Endpoint.ToString();

    public static double Ms(TimeSpan latency) => Math.Round(latency.TotalMilliseconds, 2);

    /// <summary>Forwards wait progress synchronously (System.Progress would post it to the thread pool, out of order).</summary>
    public IProgress<WaitProgress> WaitProgressOf(string codename) => new WaitForwarder(this, codename);

    private sealed class WaitForwarder(LifecycleContext owner, string codename) : IProgress<WaitProgress>
    {
        public void Report(WaitProgress value) => owner.Tell(codename, LifecycleStage.Waiting, value.Detail, value);
    }
}
