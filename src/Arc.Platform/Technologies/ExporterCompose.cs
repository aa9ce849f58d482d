using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// The compose service of a metrics exporter sidecar (service.yaml's <c>metrics.service</c>), so
/// the native sidecar is derived from the same declaration as the container, like the server.
/// </summary>
public static class ExporterCompose
{
    /// <summary>The exporter's compose service, or null when the service has no exporter or no compose file declares it.</summary>
    public static ComposeService? Find(ServiceDefinition service)
    {
        if (service.Metrics is not { Exporter: not null } metrics || !File.Exists(service.ComposeFile))
            return null;
        var display = Path.Combine(Path.GetDirectoryName(service.File) ?? "", "docker-compose.yml");
        return ComposeFile.Load(service.ComposeFile, display).Service(metrics.Service);
    }
}
