using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Composition;

/// <summary>
/// Wires the lifecycle for a repository from a fresh technology catalog (owned, so its connections close with the
/// lifecycle) and the drivers this factory was built with (<see cref="DriverCatalog"/>). The lifecycle itself knows
/// drivers only as <see cref="IServiceDriver"/>, their declared <see cref="DriverCapabilities"/> and registrations.
/// </summary>
/// <param name="drivers">The drivers to register, in <see cref="DriverCatalog"/>'s order.</param>
public sealed class LifecycleFactory(IReadOnlyList<DriverEntry> drivers)
{
    /// <summary>The real thing: every driver of <see cref="DriverCatalog"/> (docker: the CLI as the environment configures it).</summary>
    public static LifecycleFactory WithDocker() => new(DriverCatalog.All);

    /// <summary>Native only: `--driver auto` means native, `--driver docker` is a clear error.</summary>
    public static LifecycleFactory NativeOnly(NativeDriverOptions? nativeOptions = null) => new([NativeRegistration.Entry(nativeOptions)]);

    public ServiceLifecycle Create(ServiceRegistry registry, IProgress<LifecycleEvent>? events = null)
    {
        var technologies = TechnologyCatalog.CreateDefault();
        return new ServiceLifecycle(registry, Selection(new DriverSite(registry.Root, technologies.For)), technologies.For, events, owned: technologies);
    }

    /// <summary>
    /// `down` when the configuration cannot be read: the records of each driver <paramref name="choice"/> allows that
    /// declares a record-only stop; none when no such driver keeps any (the configuration error then stands alone).
    /// </summary>
    public IReadOnlyList<IRecordStop> RecordStops(string root, DriverChoice choice) =>
        Selection(new DriverSite(root, NoTechnology)).RecordStops(choice, root);

    private DriverSelection Selection(DriverSite site) => new([.. drivers.Select(d => d.Register(site))]);

    // Record stops work from the records alone: no technology is asked.
    private static ITechnology NoTechnology(ServiceDefinition service) =>
        throw new InvalidOperationException($"a record-only stop asked for the technology of {service.Codename}");
}
