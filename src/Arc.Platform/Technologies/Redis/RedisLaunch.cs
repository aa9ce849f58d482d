using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// redis-server as a local process: the compose command's persistence and memory flags verbatim,
/// plus what a host process needs instead of a container's isolation (loopback bind, protected
/// mode, its own data directory, logging to stdout for arc to capture).
/// </summary>
internal static class RedisLaunch
{
    public const string ServerBinary = "redis-server";
    public const string ExporterBinary = "prometheus-redis-exporter";
    public const string AclFileFlag = "--aclfile";

    public static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        Plan(service, compose, context, context.Locate ?? ExecutableLocator.Find);

    /// <param name="locate">Finds a binary by name (tests substitute an empty or fake installation).</param>
    internal static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, Func<string, string?> locate)
    {
        var command = ServerCommand.From(compose, ServerBinary);
        var arguments = command.Arguments;
        if (arguments.Count > 0 && !arguments[0].StartsWith('-'))
        {
            // redis-server's first positional argument is a config file inside the image.
            var node = compose.Get("command") ?? compose.KeyNode;
            throw new ConfigException(compose.File, Yml.Line(node), Yml.Column(node),
                $"service '{compose.Name}' passes redis-server a config file ('{arguments[0]}'); the native driver needs the settings as --flags");
        }
        if (locate(command.Binary) is not { } executable)
            return command.NotInstalled("redis-server");

        var flags = new CommandLineFlags(arguments);
        var port = ComposePorts.HostPort(service, compose, flags.Value("--port"), "client");
        flags.Set(ServiceEndpoint.LoopbackHost, "--bind");
        flags.Set(port.ToString(), "--port");
        flags.Set(context.DataDirectory, "--dir");
        flags.Set("yes", "--protected-mode");
        flags.Set("no", "--daemonize");
        // Empty logfile means stdout, which the native driver captures into the service's log file.
        flags.Set("", "--logfile");
        var files = new Dictionary<string, string>();
        // The compose command's --aclfile is a container's compose secret: natively the file sits next to the data.
        flags.Remove(AclFileFlag);
        if (context.Credentials is { } credentials)
        {
            var aclFile = Path.Combine(context.DataDirectory, "users.acl");
            flags.Set(aclFile, AclFileFlag);
            files[aclFile] = RedisAuthorization.AclFile(credentials);
        }

        return new NativeLaunchPlan(executable, flags.Arguments, new Dictionary<string, string>(), null,
            ExporterSidecars(service, port, context, files, locate))
        { Files = files };
    }

    /// <summary>
    /// prometheus-redis-exporter configured as the compose file configures the container (through
    /// its environment), with the Redis address and the listen address moved to 127.0.0.1.
    /// </summary>
    private static List<NativeLaunchPlan> ExporterSidecars(ServiceDefinition service, int redisPort, NativeLaunchContext context,
        Dictionary<string, string> files, Func<string, string?> locate)
    {
        if (service.Metrics is not { Exporter: ExporterBinary } metrics || locate(ExporterBinary) is not { } exporter
            || ExporterCompose.Find(service) is not { } compose)
            return [];
        var redisAddress = ServiceEndpoint.Loopback(redisPort).Url("redis");
        var listenAddress = ServiceEndpoint.Loopback(metrics.Port).ToString();
        var environment = new Dictionary<string, string>(compose.Environment, StringComparer.Ordinal)
        {
            ["REDIS_ADDR"] = redisAddress,
            ["REDIS_EXPORTER_WEB_LISTEN_ADDRESS"] = listenAddress,
        };
        // The compose file's user and password file are the container's (a compose secret); an open server needs neither.
        environment.Remove("REDIS_USER");
        environment.Remove("REDIS_PASSWORD_FILE");
        // Its read-only user; the password from a file (its JSON map of URL to password), never the environment.
        if (context.Credentials?.Users.Skip(1).FirstOrDefault() is { } user)
        {
            var passwordFile = Path.Combine(context.DataDirectory, "exporter-password.json");
            files[passwordFile] = RedisAuthorization.ExporterPasswordFile(redisAddress, user);
            environment["REDIS_USER"] = user.User;
            environment["REDIS_PASSWORD_FILE"] = passwordFile;
            environment.Remove("REDIS_PASSWORD");
        }
        var flags = new CommandLineFlags(compose.Command);
        if (flags.Has("-redis.addr", "--redis.addr"))
            flags.Set(redisAddress, "-redis.addr", "--redis.addr");
        if (flags.Has("-web.listen-address", "--web.listen-address"))
            flags.Set(listenAddress, "-web.listen-address", "--web.listen-address");
        return [new NativeLaunchPlan(exporter, flags.Arguments, environment, null, [])];
    }
}
