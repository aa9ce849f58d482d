using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The last word before a launch: what runs is an installed executable given by an absolute path
/// outside the checkout. (Which program a compose command may name at all is the technology's rule,
/// see <see cref="ServerCommand"/>; this catches any plan that slipped past it.)
/// </summary>
internal static class LaunchGuard
{
    public static void Check(string root, ServiceDefinition service, NativeLaunchPlan plan)
    {
        foreach (var process in plan.Sidecars.Prepend(plan).Where(p => p.MissingRuntimeRemedy is null))
        {
            if (!Path.IsPathFullyQualified(process.Executable))
                throw new DriverException($"{service.Codename}: refusing to run '{process.Executable}': not an absolute path");
            var real = LaunchChain.RealPath(process.Executable);
            var checkout = LaunchChain.RealPath(root) + "/";
            if (real.StartsWith(checkout, StringComparison.Ordinal))
                throw new DriverException(
                    $"{service.Codename}: refusing to run {real}: it lies inside the checkout; a service runs its installed server or exporter");
        }
    }
}
