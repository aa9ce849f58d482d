using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

public sealed partial class RedisTechnology : IContainerSecrets
{
    /// <summary>The kind of the ACL file the compose command passes with --aclfile.</summary>
    public const string AclKind = "acl";

    /// <summary>The kind of the exporter's password file (REDIS_PASSWORD_FILE).</summary>
    public const string ExporterPasswordKind = "exporter.json";

    /// <summary>
    /// <c>acl</c>: the ACL file (hashes), as the native driver writes it, or with <c>nopass</c> users when the
    /// service runs open; <c>exporter.json</c>: the exporter's password file, keyed by the REDIS_ADDR its
    /// compose service scrapes.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContainerSecrets(ServiceDefinition service, ComposeService compose, Secrets.ServiceCredentials? credentials)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AclKind] = credentials is null ? Secrets.ServerAuthorization.RedisOpenAclFile(Facts.Users) : Secrets.ServerAuthorization.RedisAclFile(credentials),
        };
        var exporter = credentials?.Users.Skip(1).FirstOrDefault();
        var address = ExporterCompose.Find(service)?.Environment.GetValueOrDefault("REDIS_ADDR");
        if (address is not null)
            files[ExporterPasswordKind] = Secrets.ServerAuthorization.RedisExporterPasswordFile(address, exporter ?? new Secrets.Credential(Facts.Users[1], ""));
        return files;
    }
}
