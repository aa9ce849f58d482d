using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// The docker driver plugs in here: an <see cref="IDockerEngine"/> for the repository root. Tests may
/// replace it (null: `--driver auto` means native and `--driver docker` is a clear error).
/// </summary>
public static class DockerSeam
{
    public static Func<string, IDockerEngine?> Create { get; set; } =
        root => new Drivers.Docker.DockerEngine(root, Drivers.Docker.DockerDriverOptions.FromEnvironment());
}

/// <summary>Wires the lifecycle for a repository: the technologies, the native driver and the docker seam.</summary>
public static class LifecycleFactory
{
    public static ServiceLifecycle Create(ServiceRegistry registry, IProgress<LifecycleEvent>? events = null, NativeDriverOptions? nativeOptions = null) =>
        new(registry, Drivers(registry, nativeOptions), TechnologyCatalog.Default.For, events);

    /// <summary>The drivers alone, for operations that only inspect (`arc env`).</summary>
    public static DriverSelection Drivers(ServiceRegistry registry, NativeDriverOptions? nativeOptions = null) =>
        new(new NativeDriver(registry.Root, TechnologyCatalog.Default.For, nativeOptions), DockerSeam.Create(registry.Root));
}
