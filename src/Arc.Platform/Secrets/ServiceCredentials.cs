using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Secrets;

/// <summary>One user and its password.</summary>
public sealed record Credential(string User, string Password)
{
    /// <summary>Never the password: a credential that ends up in a message or a log shows only its user.</summary>
    public override string ToString() => $"{User}:***";
}

/// <summary>
/// The generated users of one service: the first is the platform's clients' (what `arc env` prints
/// and arc itself uses), the others are for its sidecars (the Redis exporter's read-only user).
/// </summary>
public sealed record ServiceCredentials(string Codename, IReadOnlyList<Credential> Users)
{
    public Credential Client => Users[0];

    public Credential? Find(string user) => Users.FirstOrDefault(u => u.User == user);

    /// <summary>Never a password (records print their members).</summary>
    public override string ToString() => $"{Codename}: {string.Join(", ", Users.Select(u => u.User))}";

    /// <summary>
    /// The credentials arc and its clients use for <paramref name="service"/>: null when the service
    /// runs open (its technology takes none, `up --insecure`, or nothing generated them yet).
    /// </summary>
    public static ServiceCredentials? Of(ServiceDefinition service, ClientConnection connection) =>
        service.SecretsDirectory is { } directory && connection.Users.Count > 0
            ? new SecretStore(directory).Load(service.SecretsName, connection.Users)
            : null;
}
