using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Kubernetes;

/// <summary>The files beside a service.yaml that chart values are derived from, with the paths errors name.</summary>
public static class ServiceFiles
{
    /// <summary>The path of <paramref name="fileName"/> beside the service's service.yaml, as messages show it.</summary>
    public static string Display(ServiceDefinition service, string fileName) =>
        Path.Combine(Path.GetDirectoryName(service.File) ?? "", fileName);

    /// <summary>The service's own compose service (its <c>command:</c> is the server's configuration).</summary>
    public static ComposeService Compose(ServiceDefinition service)
    {
        var display = Display(service, "docker-compose.yml");
        if (!File.Exists(service.ComposeFile))
            throw new ConfigException(display, 1, 1, $"file not found; {service.Codename}'s chart values are derived from it");
        return ComposeFile.Load(service.ComposeFile, display).Service(service.Name)
            ?? throw new ConfigException(display, 1, 1, $"no service '{service.Name}' under 'services'");
    }
}
