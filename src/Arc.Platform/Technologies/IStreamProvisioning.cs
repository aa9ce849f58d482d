using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Technologies;

/// <summary>
/// The capability behind `arc streams`: the streams of services/messaging/streams.yaml against a
/// running service. Commands find the service through this, never through a technology's name.
/// </summary>
public interface IStreamProvisioning
{
    /// <summary>What resources this manages, as the "nothing to manage" error names them.</summary>
    const string Resources = "JetStream streams";

    Task<IReadOnlyList<StreamStatus>> ListStreamsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamOutcome>> ApplyStreamsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken);
}
