using Arc.Platform.Registry;

namespace Arc.Platform.Bench;

/// <summary>
/// The capability of a technology that `arc bench` can drive. The command dispatches through
/// this, never through a technology's name, so a technology without a benchmark simply lacks it.
/// </summary>
public interface IBenchmarkable
{
    /// <summary>The operations `--op` accepts; the first is the default.</summary>
    IReadOnlyList<string> BenchOperations { get; }

    IBenchWorkload Benchmark(ServiceDefinition service, string operation);

    /// <summary>What <c>--pipeline</c> means for it where that is not plain "operations in flight" ("JetStream: the ack window").</summary>
    string? PipelineMeaning => null;

    /// <summary>
    /// The same operation at the server's raw limit — pre-encoded protocol frames on plain
    /// sockets, no client library — as the anchor a bench script prints beside the figure;
    /// null when the technology has none for that operation.
    /// </summary>
    IBenchWorkload? RawAnchor(ServiceDefinition service, string operation) => null;

    /// <summary>
    /// Why the service cannot be measured here (no live server where one is optional), or null when it
    /// can: a benchmark of it is then skipped with this reason, and the run still succeeds.
    /// </summary>
    Task<string?> UnmeasurableAsync(ServiceDefinition service, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
