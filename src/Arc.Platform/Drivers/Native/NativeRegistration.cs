namespace Arc.Platform.Drivers.Native;

/// <summary>The native driver's line in <see cref="Composition.DriverCatalog"/>: local processes, always available.</summary>
public static class NativeRegistration
{
    /// <param name="options">How it stops servers and rotates logs; null: the defaults.</param>
    public static DriverEntry Entry(NativeDriverOptions? options = null) =>
        new("native", "", site => new DriverRegistration(new NativeDriver(site.Root, site.TechnologyFor, options)));
}
