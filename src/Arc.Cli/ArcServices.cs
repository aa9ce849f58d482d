using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;

namespace Arc.Cli;

/// <summary>
/// What the command tree is wired with (its composition root): how a lifecycle is made for a registry.
/// <see cref="Real"/> for the `arc` binary; tests pass their own (no docker engine, fake drivers, a failing part).
/// </summary>
public sealed record ArcServices(Func<ServiceRegistry, IProgress<LifecycleEvent>, ServiceLifecycle> CreateLifecycle)
{
    public static ArcServices Real() => new(LifecycleFactory.WithDocker().Create);
}
