using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// nats-server as a process: the compose command's flags, with its client and monitor ports, store directory and
/// listen address declared as such (a driver moves them to the host's), the --config file the image carries
/// (plus the generated users) and the exporter that reads the monitor port.
/// </summary>
internal static class NatsLaunch
{
    public const string ServerBinary = "nats-server";
    public const string ExporterBinary = "prometheus-nats-exporter";
    private const string GeneratedConfigName = "arc-auth.conf";

    public static LaunchFacts Facts(ServiceDefinition service, ComposeService compose) => new(ServerBinary, "nats-server")
    {
        Flags =
        [
            new PortFlag("client", NatsFlags.Port.Aliases),
            new PortFlag("monitor", NatsFlags.MonitorPort.Aliases),
            new DataDirectoryFlag(NatsFlags.StoreDir.Aliases),
            new ListenAddressFlag(NatsFlags.Address.Aliases),
            .. ClusterLaunch.Flags(service),
            new FileFlag(GeneratedConfigName, input => Config(service, compose, input), NatsFlags.Config.Aliases, NamedByCompose: true),
        ],
        Exporters =
        [
            new ExporterFacts(ExporterBinary)
            {
                TargetPort = "monitor",
                TargetScheme = "http",
                // The monitor URL is the exporter's one positional argument.
                TargetIsLastArgument = true,
                PortFlag = ["-port", "-p"],
                HostFlag = ["-addr", "-a"],
            },
        ],
    };

    /// <summary>
    /// The image carries the --config file copied from beside the compose file (the JetStream budget); outside it the
    /// same file is written next to the data, with the generated users. Without --config, the users get a file of their
    /// own; an open server without one needs none.
    /// </summary>
    private static string? Config(ServiceDefinition service, ComposeService compose, FileInput input)
    {
        var authorization = input.Credentials is { } credentials ? NatsAuthorization.Block(credentials) : "";
        if (input.ComposeValue is { } inContainer)
            return ComposeConfig(service, compose, inContainer) + authorization;
        return authorization.Length == 0 ? null : authorization;
    }

    /// <summary>
    /// The server's whole configuration as a container reads it from a compose secret mounted over its
    /// --config path: the file beside the compose file, then the generated users (none: open).
    /// </summary>
    internal static string ContainerConfig(ServiceDefinition service, ComposeService compose, Secrets.ServiceCredentials? credentials)
    {
        var authorization = credentials is null ? "" : NatsAuthorization.Block(credentials);
        var inContainer = new CommandLineFlags(ServerCommand.From(compose, ServerBinary).Arguments).Value(NatsFlags.Config.Aliases);
        return (inContainer is null ? "" : ComposeConfig(service, compose, inContainer)) + authorization;
    }

    /// <summary>The file the compose command's --config names, read from beside the compose file.</summary>
    private static string ComposeConfig(ServiceDefinition service, ComposeService compose, string inContainer)
    {
        var name = Path.GetFileName(inContainer);
        var source = Path.Combine(service.Directory, name);
        if (!File.Exists(source))
            throw new ConfigException(compose.File, Yaml.Yml.Line(compose.Get("command")), 1,
                $"--config {inContainer}: no {name} beside the compose file to run natively");
        return File.ReadAllText(source);
    }
}
