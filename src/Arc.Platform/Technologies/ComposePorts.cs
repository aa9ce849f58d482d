using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies;

/// <summary>Translates a port written in a compose command (a container port) into the host port service.yaml publishes for it.</summary>
public static class ComposePorts
{
    /// <summary>
    /// The host port for <paramref name="containerPortText"/>, or for the port named
    /// <paramref name="defaultPortName"/> when the compose command leaves the server's default in place.
    /// </summary>
    public static int HostPort(ServiceDefinition service, ComposeService compose, string? containerPortText, string defaultPortName)
    {
        if (containerPortText is null)
            return service.Port(defaultPortName).Host;
        var binding = Yml.Int(containerPortText) is { } containerPort
            ? service.Ports.FirstOrDefault(p => p.Container == containerPort)
            : null;
        if (binding is not null)
            return binding.Host;
        var node = compose.Get("command") ?? compose.KeyNode;
        throw new ConfigException(compose.File, Yml.Line(node), Yml.Column(node),
            $"service '{compose.Name}' listens on port '{containerPortText}', which {service.File} does not publish");
    }
}
