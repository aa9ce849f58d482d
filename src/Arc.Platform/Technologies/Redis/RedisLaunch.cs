using Arc.Platform.Registry;
using Arc.Platform.Secrets;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// redis-server as a process: the compose command's persistence and memory flags verbatim, its port, data directory
/// and bind address declared as such, plus what a process outside a container needs instead of its isolation
/// (protected mode, no daemonizing, logging to stdout for arc to capture) and the exporter configured through its
/// environment.
/// </summary>
internal static class RedisLaunch
{
    public const string ServerBinary = "redis-server";
    public const string ExporterBinary = "prometheus-redis-exporter";
    public const string AclFileFlag = "--aclfile";

    /// <param name="moreAclLines">Users a topology adds to the service's own (its members' replication users).</param>
    public static LaunchFacts Facts(ServiceDefinition service, Func<ServiceCredentials, string>? moreAclLines = null) => new(ServerBinary, "redis-server")
    {
        // redis-server's first positional argument is a config file inside the image.
        RefusesPositionalConfig = true,
        Flags =
        [
            new ListenAddressFlag(["--bind"]),
            new PortFlag(RedisTechnology.ClientPortName, ["--port"]),
            new DataDirectoryFlag(["--dir"]),
            new FixedFlag("yes", ["--protected-mode"]),
            new FixedFlag("no", ["--daemonize"]),
            // Empty logfile means stdout, which the native driver captures into the service's log file.
            new FixedFlag("", ["--logfile"]),
            // The compose command's --aclfile is a container's compose secret: outside it the file sits next to the data.
            new DroppedFlag([AclFileFlag]),
            new FileFlag("users.acl", input => input.Credentials is { } credentials
                ? RedisAuthorization.AclFile(credentials) + (moreAclLines?.Invoke(credentials) ?? "") : null, [AclFileFlag]),
        ],
        Exporters = [Exporter],
    };

    /// <summary>
    /// prometheus-redis-exporter configured as the compose file configures the container (through its environment),
    /// the Redis address and its listen address moved; its compose user and password file are the container's.
    /// </summary>
    private static readonly ExporterFacts Exporter = new(ExporterBinary)
    {
        TargetPort = RedisTechnology.ClientPortName,
        TargetScheme = "redis",
        TargetFlag = ["-redis.addr", "--redis.addr"],
        TargetVariable = "REDIS_ADDR",
        ListenAddressFlag = ["-web.listen-address", "--web.listen-address"],
        ListenAddressVariable = "REDIS_EXPORTER_WEB_LISTEN_ADDRESS",
        PassesComposeEnvironment = true,
        ContainerOnlyVariables = ["REDIS_USER", "REDIS_PASSWORD_FILE"],
        Credentials = new ExporterCredentialFacts("exporter-password.json", "REDIS_USER", "REDIS_PASSWORD_FILE", "REDIS_PASSWORD",
            RedisAuthorization.ExporterPasswordFile),
    };
}
