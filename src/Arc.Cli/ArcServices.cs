using Arc.Platform.Composition;
using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Cli;

/// <summary>
/// The one composition root of the command tree: every command gets what it works with from here — the
/// lifecycle for a registry, the technologies (verify, bench, streams, topics), `down`'s stop from run
/// records when the configuration cannot be read, and the console beyond stdout and stderr.
/// <see cref="Real"/> for the `arc` binary; tests pass their own (no docker engine, fake drivers, a failing part).
/// </summary>
public sealed record ArcServices(Func<ServiceRegistry, IProgress<LifecycleEvent>, ServiceLifecycle> CreateLifecycle)
{
    public static ArcServices Real()
    {
        var factory = LifecycleFactory.WithDocker();
        return new(factory.Create) { RecordStops = factory.RecordStops };
    }

    /// <summary>A fresh technology catalog, owned (and disposed) by the command that asked for it.</summary>
    public Func<TechnologyCatalog> CreateTechnologies { get; init; } = TechnologyCatalog.CreateDefault;

    /// <summary>
    /// `arc down` when the registry cannot be loaded: the records this checkout's drivers keep, of each driver `--driver`
    /// allows (root, choice); none means there is nothing to stop from.
    /// </summary>
    public Func<string, DriverChoice, IReadOnlyList<IRecordStop>> RecordStops { get; init; } = LifecycleFactory.NativeOnly().RecordStops;

    /// <summary>Terminal facts and stdin: whether stderr and stdin are terminals, the width, a typed answer.</summary>
    public IConsoleIO Console { get; init; } = SystemConsoleIO.Instance;
}
