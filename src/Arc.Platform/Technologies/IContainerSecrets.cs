using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// A technology whose containers read generated files, mounted read-only as compose <c>secrets:</c>
/// (DESIGN.md §8): what each file holds, by kind. A compose file names such a file
/// <c>.arc/secrets/docker/&lt;codename&gt;.&lt;kind&gt;</c>; the docker driver writes it before every start.
/// Every user's plain password is a kind of its own (the user's name) for every technology with users;
/// this adds what only the technology knows, derived from the same generators the native driver uses.
/// </summary>
public interface IContainerSecrets
{
    /// <param name="credentials">The service's credentials; null when it runs open (`up --insecure`): files that let anyone in.</param>
    IReadOnlyDictionary<string, string> ContainerSecrets(ServiceDefinition service, ComposeService compose, Secrets.ServiceCredentials? credentials);
}
