using System.Net.WebSockets;
using Arc.Platform.Registry;

namespace Arc.Platform.Bench;

/// <summary>What one `arc bench` run came to: a measurement, or why the service was not there to measure.</summary>
public sealed record BenchOutcome(BenchResult? Result, BenchSkipped? Skipped);

/// <summary>
/// One benchmark of one service, start to end: the technology says first whether the service can be
/// measured here (a skip is a result, not an error); a run that fails on the wire becomes a
/// <see cref="BenchFailedException"/>, so the command never decides an exit code by catching.
/// </summary>
public static class BenchSession
{
    public static async Task<BenchOutcome> RunAsync(IBenchmarkable technology, ServiceDefinition service, IBenchWorkload workload,
        BenchOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        if (await technology.UnmeasurableAsync(service, cancellationToken) is { } reason)
            return new BenchOutcome(null, new BenchSkipped(reason));
        try
        {
            return new BenchOutcome(await workload.RunAsync(options, cancellationToken), null);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or WebSocketException or HttpRequestException)
        {
            // A wrong answer (InvalidOperationException), a dropped socket or HTTP call: the service's failure, reported as such.
            throw new BenchFailedException(service.Codename, workload.Operation, e.Message);
        }
    }
}
