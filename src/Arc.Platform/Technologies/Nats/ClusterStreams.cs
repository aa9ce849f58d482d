using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// The declared streams as a running cluster holds them: at as many replicas as the topology has members
/// (DESIGN.md §8), whatever streams.yaml says for a single server. Derived, never a second streams file.
/// </summary>
internal static class ClusterStreams
{
    /// <param name="clustered">Whether the server answering is part of a cluster (its INFO names one).</param>
    public static IReadOnlyList<StreamDeclaration> For(ServiceDefinition service, IReadOnlyList<StreamDeclaration> declared, bool clustered) =>
        clustered && service.Ha is { } spec ? [.. declared.Select(d => d with { Replicas = spec.Members })] : declared;

    /// <summary>
    /// Every member's client URL in one (the first carrying arc's credentials, which the client moves to its
    /// options): a client that finds one member down connects to the next.
    /// </summary>
    public static string ClusterUrl(ServiceDefinition service, Secrets.Credential? credential)
    {
        var urls = HaTopology.ClientEndpoints(service, NatsTechnology.ClientPortName).Select(e => e.Url("nats")).ToList();
        return urls.Count == 0 ? Secrets.SecretUrl.With(service.Endpoint(NatsTechnology.ClientPortName).Url("nats"), credential)
            : string.Join(",", urls.Select((url, i) => i == 0 ? Secrets.SecretUrl.With(url, credential) : url));
    }
}
