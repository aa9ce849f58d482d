using System.Diagnostics;
using Arc.Platform.Drivers;

namespace Arc.Platform.Bench;

/// <summary>Runs a workload closed-loop: every client issues its next operation as soon as the previous one completes.</summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(string service, IBenchWorkload workload, BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Clients < 1 || options.Size < 0 || options.Duration <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "clients must be ≥ 1, size ≥ 0 and duration > 0");
        var clients = new List<IBenchClient>();
        try
        {
            for (var i = 0; i < options.Clients; i++)
                clients.Add(await ConnectAsync(service, workload, i, options, cancellationToken).ConfigureAwait(false));
            // One warm-up operation per client so connection set-up never counts as latency.
            foreach (var client in clients)
                await client.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var samples = await Task.WhenAll(clients.Select(c => DriveAsync(c, options.Duration, cancellationToken))).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalSeconds;
            return Summarise(service, workload.Operation, options, samples.SelectMany(s => s).ToArray(), elapsed);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IBenchClient> ConnectAsync(string service, IBenchWorkload workload, int index, BenchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await workload.ConnectAsync(index, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DriverException($"cannot reach {service} to benchmark it ({e.Message}); is it up? try 'arc up {service}'");
        }
    }

    private static async Task<List<long>> DriveAsync(IBenchClient client, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<long>(capacity: 100_000);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            await client.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetTimestamp() - start);
        }
        return latencies;
    }

    internal static BenchResult Summarise(string service, string operation, BenchOptions options, long[] ticks, double elapsedSeconds)
    {
        Array.Sort(ticks);
        return new BenchResult(service, operation,
            OpsPerSec: Math.Round(ticks.Length / elapsedSeconds, 1),
            P50Us: Percentile(ticks, 0.50),
            P99Us: Percentile(ticks, 0.99),
            options.Clients, options.Size, Math.Round(elapsedSeconds, 3));
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch ticks, in microseconds.</summary>
    internal static double Percentile(long[] sortedTicks, double fraction)
    {
        if (sortedTicks.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(fraction * sortedTicks.Length) - 1;
        var ticks = sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)];
        return Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 1);
    }
}
