using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// `arc up|down|clean|build|health|status|logs` over one registry: one method per verb, one options record
/// per verb, each handed to its own operation. Disposing it releases what its technologies hold open
/// (Redis connections) when it owns them.
/// </summary>
public sealed class ServiceLifecycle : IAsyncDisposable
{
    private readonly LifecycleContext _context;
    private readonly IAsyncDisposable? _owned;

    public ServiceLifecycle(ServiceRegistry registry, DriverSelection drivers, Func<ServiceDefinition, ITechnology> technologyFor,
        IProgress<LifecycleEvent>? events = null)
        : this(registry, drivers, technologyFor, events, owned: null)
    {
    }

    internal ServiceLifecycle(ServiceRegistry registry, DriverSelection drivers, Func<ServiceDefinition, ITechnology> technologyFor,
        IProgress<LifecycleEvent>? events, IAsyncDisposable? owned)
    {
        _context = new LifecycleContext(registry, drivers, technologyFor, events);
        _owned = owned;
    }

    public Task<LifecycleResult> UpAsync(TargetSelection selection, UpOptions options, CancellationToken cancellationToken) =>
        new UpOperation(_context).RunAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> DownAsync(TargetSelection selection, DownOptions options, CancellationToken cancellationToken) =>
        new StopOperation(_context).DownAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> CleanAsync(TargetSelection selection, CleanOptions options, CancellationToken cancellationToken) =>
        new StopOperation(_context).CleanAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> RotateSecretsAsync(TargetSelection selection, RotateOptions options, CancellationToken cancellationToken) =>
        new RotateOperation(_context).RunAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> BuildAsync(TargetSelection selection, BuildOptions options, CancellationToken cancellationToken) =>
        new BuildOperation(_context).RunAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> HealthAsync(TargetSelection selection, HealthOptions options, CancellationToken cancellationToken) =>
        new HealthOperation(_context).HealthAsync(selection, options, cancellationToken);

    public Task<LifecycleResult> StatusAsync(StatusOptions options, CancellationToken cancellationToken) =>
        new HealthOperation(_context).StatusAsync(options, cancellationToken);

    public IAsyncEnumerable<string> LogsAsync(TargetSelection selection, LogOptions options, CancellationToken cancellationToken) =>
        new LogMultiplexer(_context).ReadAsync(selection, options, cancellationToken);

    /// <summary>The driver that runs <paramref name="service"/> now, for commands that only inspect (`arc env`).</summary>
    public Task<IServiceDriver> DriverForAsync(ServiceDefinition service, DriverChoice choice, CancellationToken cancellationToken) =>
        _context.Drivers.ForExistingAsync(service, choice, cancellationToken);

    /// <summary>How clients reach <paramref name="service"/>, from its technology (`arc env`).</summary>
    public ClientConnection ConnectionOf(ServiceDefinition service) => _context.TechnologyFor(service).Connection;

    /// <summary>The technology that knows <paramref name="service"/> (what it registered beyond its connection facts).</summary>
    public ITechnology TechnologyOf(ServiceDefinition service) => _context.TechnologyFor(service);

    /// <summary>A topology member's role now (`arc env` asks which Redis member is primary); null when its technology tells none.</summary>
    public async Task<MemberRole?> RoleOfAsync(ServiceDefinition member, CancellationToken cancellationToken) =>
        _context.TechnologyFor(member) is IClusterRoles roles ? await roles.RoleAsync(member, cancellationToken) : null;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
