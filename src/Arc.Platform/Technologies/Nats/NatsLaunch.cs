using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// nats-server as a local process: the compose command's flags, with the container's ports and
/// store directory swapped for the host's, and every listener bound to 127.0.0.1.
/// </summary>
internal static class NatsLaunch
{
    public const string ServerBinary = "nats-server";
    public const string ExporterBinary = "prometheus-nats-exporter";


    public static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        Plan(service, compose, context, context.Locate ?? ExecutableLocator.Find);

    /// <param name="locate">Finds a binary by name (tests substitute an empty or fake installation).</param>
    internal static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, Func<string, string?> locate)
    {
        // The upstream image's entrypoint is nats-server, so the command is usually flags only.
        var command = ServerCommand.From(compose, ServerBinary);
        if (locate(command.Binary) is not { } executable)
            return command.NotInstalled("nats-server");

        var flags = new CommandLineFlags(command.Arguments);
        var clientPort = ComposePorts.HostPort(service, compose, flags.Value(NatsFlags.Port.Aliases), "client");
        var monitorPort = ComposePorts.HostPort(service, compose, flags.Value(NatsFlags.MonitorPort.Aliases), "monitor");
        flags.Set(clientPort.ToString(), NatsFlags.Port.Aliases);
        flags.Set(monitorPort.ToString(), NatsFlags.MonitorPort.Aliases);
        flags.Set(context.DataDirectory, NatsFlags.StoreDir.Aliases);
        flags.Set(ServiceEndpoint.LoopbackHost, NatsFlags.Address.Aliases);
        ClusterLaunch.AddFlags(service, flags);
        var files = ConfigFile(service, compose, context, flags);

        return new NativeLaunchPlan(executable, flags.Arguments, new Dictionary<string, string>(), null,
            ExporterSidecars(service, monitorPort, locate))
        { Files = files };
    }

    /// <summary>
    /// The image carries the --config file copied from beside the compose file (the JetStream
    /// budget); natively the same file is written next to the data, where the server user can read it.
    /// </summary>
    private static Dictionary<string, string> ConfigFile(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, CommandLineFlags flags)
    {
        var authorization = context.Credentials is { } credentials ? NatsAuthorization.Block(credentials) : "";
        if (flags.Value(NatsFlags.Config.Aliases) is not { } inContainer)
            return authorization.Length == 0 ? [] : GeneratedConfig(context, flags, authorization);
        var native = Path.Combine(context.DataDirectory, Path.GetFileName(inContainer));
        flags.Set(native, NatsFlags.Config.Aliases);
        return new Dictionary<string, string> { [native] = ComposeConfig(service, compose, inContainer) + authorization };
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

    /// <summary>A compose command without --config still gets its users from a file: one of its own.</summary>
    private static Dictionary<string, string> GeneratedConfig(NativeLaunchContext context, CommandLineFlags flags, string authorization)
    {
        var native = Path.Combine(context.DataDirectory, "arc-auth.conf");
        flags.Set(native, NatsFlags.Config.Aliases);
        return new Dictionary<string, string> { [native] = authorization };
    }

    /// <summary>
    /// prometheus-nats-exporter as the compose file runs it (same metric selections), reading the
    /// monitor port on 127.0.0.1 and listening on 127.0.0.1 only.
    /// </summary>
    private static List<NativeLaunchPlan> ExporterSidecars(ServiceDefinition service, int monitorPort, Func<string, string?> locate)
    {
        if (service.Metrics is not { Exporter: ExporterBinary } metrics || locate(ExporterBinary) is not { } exporter
            || ExporterCompose.Find(service) is not { } compose)
            return [];
        // The monitor URL is the exporter's one positional argument; Go's flag parser wants it last.
        var flags = new CommandLineFlags(compose.Command.Where(a => !a.Contains("://", StringComparison.Ordinal)));
        flags.Set(metrics.Port.ToString(), "-port", "-p");
        flags.Set(ServiceEndpoint.LoopbackHost, "-addr", "-a");
        return [new NativeLaunchPlan(exporter, [.. flags.Arguments, ServiceEndpoint.Loopback(monitorPort).Url("http")], new Dictionary<string, string>(), null, [])];
    }
}
