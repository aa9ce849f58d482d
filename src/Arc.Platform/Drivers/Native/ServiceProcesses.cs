using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>The processes a service runs besides its server (named sidecars) and the ports it needs free.</summary>
internal static class ServiceProcesses
{
    public static string ProcessName(ServiceDefinition service, string sidecar) => $"{service.Codename}-{sidecar}";

    /// <summary>When the metrics exporter's port answers although our exporter does not run: who holds it.</summary>
    public static string? ForeignHolderOfPort(INativeHost host, ServiceDefinition service, string sidecarName)
    {
        if (service.Metrics is not { } metrics || metrics.Exporter != sidecarName || !host.IsAnswering(metrics.Port))
            return null;
        var holder = host.DescribeListener(metrics.Port);
        return $"port {metrics.Port} on 127.0.0.1 is held by {(holder.Length > 0 ? holder : "another process")}";
    }

    public static IEnumerable<(NativeLaunchPlan Plan, string Name)> NamedSidecars(ServiceDefinition service, NativeLaunchPlan plan) =>
        plan.Sidecars.Select((sidecar, index) => (sidecar, SidecarName(service, sidecar, index)));

    private static string SidecarName(ServiceDefinition service, NativeLaunchPlan sidecar, int index) =>
        sidecar.Executable.Length > 0 ? Path.GetFileName(sidecar.Executable)
        : index == 0 && service.Metrics?.Exporter is { } exporter ? exporter
        : $"sidecar-{index + 1}";

    public static void EnsurePortsFree(INativeHost host, ServiceDefinition service)
    {
        foreach (var port in service.Ports)
        {
            if (!host.IsAnswering(port.Host))
                continue;
            var holder = host.DescribeListener(port.Host);
            var by = holder.Length > 0 ? $" by {holder}" : " by another process";
            throw new DriverException(
                $"{service.Codename}: port {port.Host} ({port.Name}) on 127.0.0.1 is already in use{by}; stop it or change ports.{port.Name} in {service.File}");
        }
    }
}
