using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Composition;

/// <summary>
/// The one place the drivers are registered: wires the lifecycle for a repository from a fresh technology
/// catalog (owned, so its connections close with the lifecycle), the native driver, and the docker engine this
/// factory was built with. The lifecycle itself knows drivers only as <see cref="IServiceDriver"/> and their
/// declared <see cref="DriverCapabilities"/>.
/// </summary>
/// <param name="dockerEngineFor">The docker engine for a repository root and its technologies; null where there is none (`--driver auto` then means native).</param>
/// <param name="nativeOptions">How the native driver stops servers.</param>
public sealed class LifecycleFactory(Func<string, Func<ServiceDefinition, ITechnology>, IDockerEngine?> dockerEngineFor, NativeDriverOptions? nativeOptions = null)
{
    /// <summary>The real thing: the docker CLI as the environment configures it.</summary>
    public static LifecycleFactory WithDocker() =>
        new((root, technologyFor) => new DockerEngine(root, DockerDriverOptions.FromEnvironment(), technologyFor));

    /// <summary>Native only: `--driver auto` means native, `--driver docker` is a clear error.</summary>
    public static LifecycleFactory NativeOnly(NativeDriverOptions? nativeOptions = null) => new((_, _) => null, nativeOptions);

    public ServiceLifecycle Create(ServiceRegistry registry, IProgress<LifecycleEvent>? events = null)
    {
        var technologies = TechnologyCatalog.CreateDefault();
        var native = new NativeDriver(registry.Root, technologies.For, nativeOptions);
        return new ServiceLifecycle(registry, new DriverSelection(native, dockerEngineFor(registry.Root, technologies.For)), technologies.For, events, owned: technologies);
    }

    /// <summary>`down` when the configuration cannot be read: the native run records of <paramref name="root"/>.</summary>
    public IRecordStop RecordStop(string root) => new RecordedServers(root, nativeOptions);
}
