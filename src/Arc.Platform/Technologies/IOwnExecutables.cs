namespace Arc.Platform.Technologies;

/// <summary>
/// A technology's capability: the programs its services may run — its own server, and for each exporter
/// (service.yaml's <c>metrics.exporter</c>) the binaries that serve it. `arc verify`'s service-runs-own-executable
/// holds compose commands and entrypoints to them.
/// </summary>
public interface IOwnExecutables
{
    /// <summary>File names of the server executable (nats-server; bin/pulsar is "pulsar").</summary>
    IReadOnlyList<string> ServerExecutables { get; }

    /// <summary>Exporter name → the binaries that may run as it (the native name and the upstream image's).</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExporterExecutables { get; }
}
