using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Secrets;

/// <summary>What `up` does about credentials before it starts a service, whatever the driver.</summary>
public static class UpCredentials
{
    /// <summary>The label every insecure service carries in progress, `status` and `env`.</summary>
    public const string InsecureLabel = "INSECURE (--insecure): no credentials, any local user or process can connect";

    /// <summary>
    /// Generates the service's missing credentials (first `up`), or with <paramref name="insecure"/>
    /// marks it open. Returns the insecure label to show, or null.
    /// </summary>
    public static string? Prepare(ServiceDefinition service, ClientConnection connection, bool insecure)
    {
        if (service.SecretsDirectory is not { } directory || connection.Users.Count == 0)
            return null;
        var store = new SecretStore(directory);
        if (insecure)
        {
            store.MarkInsecure(service.SecretsName);
            return InsecureLabel;
        }
        store.Ensure(service.SecretsName, connection.Users);
        return null;
    }

    /// <summary>Whether `up --insecure` left this service open (for `status` and `env` to say so).</summary>
    public static bool IsInsecure(ServiceDefinition service, ClientConnection connection) =>
        service.SecretsDirectory is { } directory && connection.Users.Count > 0 && new SecretStore(directory).IsInsecure(service.SecretsName);
}
