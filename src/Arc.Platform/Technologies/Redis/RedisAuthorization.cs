using System.Security.Cryptography;
using System.Text;
using Arc.Platform.Secrets;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Who may connect to redis-server (its ACL file) and how its exporter authenticates (a password file).</summary>
public static class RedisAuthorization
{
    /// <summary>
    /// Redis's ACL file (<c>--aclfile</c>), holding SHA-256 hashes, not passwords. The platform's clients
    /// are the <c>default</c> user, with a password: Cortex configures only a password, and
    /// <c>AUTH &lt;password&gt;</c> means the default user, so a connection without the password gets
    /// NOAUTH. They may run every command but the administrative ones (ACL, CONFIG SET, SHUTDOWN,
    /// DEBUG ...). The exporter gets the read-only commands its scrape runs.
    /// </summary>
    public static string AclFile(ServiceCredentials credentials)
    {
        var lines = new StringBuilder();
        lines.Append($"user {credentials.Client.User} on #{Sha256(credentials.Client.Password)} ~* &* +@all -@admin +config|get\n");
        foreach (var sidecar in credentials.Users.Skip(1))
            lines.Append($"user {sidecar.User} on #{Sha256(sidecar.Password)} resetchannels %R~* -@all {ExporterCommands}\n");
        return lines.ToString();
    }

    /// <summary>
    /// The ACL file of a service that runs open (`up --insecure`) where its server is told to read one (a
    /// container's --aclfile): every user without a password, the client user unrestricted, as without a file.
    /// </summary>
    public static string RedisOpenAclFile(IReadOnlyList<string> users) =>
        $"user {users[0]} on nopass ~* &* +@all\n" + string.Concat(users.Skip(1).Select(u => $"user {u} on nopass resetchannels %R~* -@all {ExporterCommands}\n"));

    /// <summary>
    /// The ACL file of a service that runs open (`up --insecure`) where its server is told to read one (a
    /// container's --aclfile): every user without a password, the client user unrestricted, as without a file.
    /// </summary>
    public static string OpenAclFile(IReadOnlyList<string> users) =>
        $"user {users[0]} on nopass ~* &* +@all\n" + string.Concat(users.Skip(1).Select(u => $"user {u} on nopass resetchannels %R~* -@all {ExporterCommands}\n"));

    /// <summary>What prometheus-redis-exporter runs on a scrape (its README's list for a dedicated user), all reads.</summary>
    private const string ExporterCommands =
        "+@connection +info +client|list +client|info +config|get +slowlog|get +slowlog|len +latency|latest +latency|histogram "
        + "+memory|stats +memory|usage +select +dbsize +cluster|info +scan +type +strlen +llen +scard +zcard +hlen +xlen +pfcount +get +xinfo";

    /// <summary>
    /// prometheus-redis-exporter's password file (<c>REDIS_PASSWORD_FILE</c>): a JSON map from the
    /// Redis URL it scrapes to the password (its format; letters and digits need no escaping).
    /// </summary>
    public static string ExporterPasswordFile(string redisUrl, Credential exporter) =>
        $"{{\"{redisUrl}\": \"{exporter.Password}\"}}\n";

    private static string Sha256(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
}

public sealed partial class RedisTechnology : IServerAuthorization
{
    /// <summary>The ACL file (<c>--aclfile</c>).</summary>
    public string AuthorizationFile(ServiceCredentials credentials) => RedisAuthorization.AclFile(credentials);
}

public sealed partial class RedisTechnology : Verify.IPasswordTools
{
    /// <summary>redis-cli and redis-benchmark take the password as <c>-a</c>.</summary>
    public IReadOnlyList<string> DashAPasswordTools { get; } = ["redis-cli", "redis-benchmark"];
}
