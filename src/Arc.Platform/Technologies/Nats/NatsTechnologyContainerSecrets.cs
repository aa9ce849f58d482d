using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

public sealed partial class NatsTechnology : IContainerSecrets
{
    /// <summary>The kind of the server's whole --config file (the compose file mounts it over the image's copy).</summary>
    public const string ServerConfigKind = "server.conf";

    /// <summary>
    /// <c>server.conf</c>: the compose command's --config file with the generated users appended, as the
    /// native driver writes it. The exporter reads only the monitor port, so it needs none.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContainerSecrets(ServiceDefinition service, ComposeService compose, Secrets.ServiceCredentials? credentials) =>
        new Dictionary<string, string> { [ServerConfigKind] = NatsLaunch.ContainerConfig(service, compose, credentials) };
}
