using Arc.Platform.Secrets;

namespace Arc.Platform.Technologies;

/// <summary>
/// A technology's capability: the file its server reads to know who may connect, generated from the
/// service's <see cref="ServiceCredentials"/> (never a command line). A driver that runs the server (a
/// native process, a container with a mounted secret) asks for it through this, never by technology name.
/// </summary>
public interface IServerAuthorization
{
    /// <summary>The authorization file's text for <paramref name="credentials"/>.</summary>
    string AuthorizationFile(ServiceCredentials credentials);
}
