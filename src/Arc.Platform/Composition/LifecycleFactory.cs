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

    /// <summary>
    /// `down` when the configuration cannot be read: the records of each driver <paramref name="choice"/> allows that
    /// declares a record-only stop; none when no such driver keeps any (the configuration error then stands alone).
    /// </summary>
    public IReadOnlyList<IRecordStop> RecordStops(string root, DriverChoice choice) =>
        new DriverSelection(new NativeDriver(root, NoTechnology, nativeOptions), dockerEngineFor(root, NoTechnology)).RecordStops(choice, root);

    // Record stops work from the records alone: no technology is asked.
    private static ITechnology NoTechnology(ServiceDefinition service) =>
        throw new InvalidOperationException($"a record-only stop asked for the technology of {service.Codename}");
}
