using System.Security.Cryptography;
using System.Text;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// The users only a highly available Sonic needs, generated beside the service's own (<c>.arc/secrets/sonic.replica</c>,
/// <c>sonic.sentinel</c>) and deleted with them: replicas sync from the primary as <c>replica</c>, Sentinels
/// reconfigure the data nodes as <c>sentinel</c>, each with only the commands its job takes (Redis's
/// documented ACLs for both). Clients and Sentinels themselves keep the service's password.
/// </summary>
internal static class SentinelCredentials
{
    public const string ReplicaUser = "replica";
    public const string SentinelUser = "sentinel";
    private static readonly string[] Users = [ReplicaUser, SentinelUser];

    /// <summary>The topology's users, generated when missing; null when the service runs open (no credentials, or --insecure).</summary>
    public static Secrets.ServiceCredentials? For(ServiceDefinition service, Secrets.ServiceCredentials? serviceCredentials)
    {
        if (serviceCredentials is null || service.SecretsDirectory is not { } directory)
            return null;
        return new Secrets.SecretStore(directory).Ensure(service.SecretsName, Users);
    }

    /// <summary>The ACL lines of the two users, appended to the service's ACL file on every data member.</summary>
    public static string AclLines(Secrets.ServiceCredentials ha)
    {
        var replica = ha.Find(ReplicaUser)!;
        var sentinel = ha.Find(SentinelUser)!;
        return $"user {replica.User} on #{Sha256(replica.Password)} -@all +psync +replconf +ping\n"
            + $"user {sentinel.User} on #{Sha256(sentinel.Password)} allchannels -@all +multi +slaveof +replicaof +ping +exec +subscribe "
            + "+config|rewrite +role +publish +info +client|setname +client|kill +script|kill\n";
    }

    private static string Sha256(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
}
