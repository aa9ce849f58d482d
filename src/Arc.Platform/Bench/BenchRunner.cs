using System.Diagnostics;
using Arc.Platform.Drivers;

namespace Arc.Platform.Bench;

/// <summary>
/// Runs clients closed-loop: every client issues its next batch as soon as the previous one
/// completes, as redis-benchmark does. A batch of N (the pipeline depth) is N operations sent
/// together; each counts the batch's latency, as redis-benchmark records it.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(string service, string operation, BenchOptions options,
        Func<int, CancellationToken, Task<IBenchClient>> connect, CancellationToken cancellationToken)
    {
        options.Validate();
        var clients = new List<IBenchClient>(options.Clients);
        try
        {
            var connecting = Enumerable.Range(0, options.Clients).Select(i => ConnectAsync(service, connect, i, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(connecting);
            }
            finally
            {
                clients.AddRange(connecting.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result));
            }
            // One warm-up operation per client so connection set-up never counts as latency.
            await Task.WhenAll(clients.Select(c => c.RunAsync(1, cancellationToken).AsTask()));
            var budget = new BenchBudget(options);
            var histograms = clients.Select(_ => new LatencyHistogram()).ToArray();
            var clock = Stopwatch.StartNew();
            var counts = await Task.WhenAll(clients.Select((c, i) => DriveAsync(c, budget, options.Pipeline, histograms[i], cancellationToken)));
            var elapsed = clock.Elapsed.TotalSeconds;
            var all = new LatencyHistogram();
            foreach (var histogram in histograms)
                all.Add(histogram);
            return BenchResult.From(service, operation, options, counts.Sum(), elapsed, all);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    private static async Task<IBenchClient> ConnectAsync(string service, Func<int, CancellationToken, Task<IBenchClient>> connect, int index, CancellationToken cancellationToken)
    {
        try
        {
            return await connect(index, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not BenchLimitException)
        {
            throw Unreachable(service, e);
        }
    }

    public static DriverException Unreachable(string service, Exception e) =>
        new($"cannot reach {service} to benchmark it ({e.Message})") { Remedy = new StartService(service) };

    private static async Task<long> DriveAsync(IBenchClient client, BenchBudget budget, int pipeline, LatencyHistogram latencies, CancellationToken cancellationToken)
    {
        await Task.Yield();   // every client on its own thread-pool turn, not the caller's
        long done = 0;
        int batch;
        while ((batch = budget.Take(pipeline)) > 0)
        {
            // Client libraries without a token per operation (SE.Redis) still stop at the next batch.
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            await client.RunAsync(batch, cancellationToken);
            latencies.Record(Stopwatch.GetTimestamp() - start, batch);
            done += batch;
        }
        return done;
    }
}
