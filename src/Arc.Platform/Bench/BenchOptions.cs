namespace Arc.Platform.Bench;

/// <summary>
/// How hard and how long to drive a service: <see cref="Clients"/> connections, each keeping
/// <see cref="Pipeline"/> operations in flight, for <see cref="Duration"/> or until
/// <see cref="Requests"/> operations are done (whichever is set; duration when neither is).
/// </summary>
public sealed record BenchOptions(TimeSpan? Duration, long? Requests, int Clients, int Size, int Pipeline = 1)
{
    public static BenchOptions Default { get; } = new(TimeSpan.FromSeconds(5), null, 4, 128);

    /// <summary>The parser's ranges; the CLI validates with these and the runner refuses anything outside them.</summary>
    public const int MaxClients = 1024;
    public const int MaxSize = 8 * 1024 * 1024;
    public const int MaxPipeline = 4096;
    public const double MaxSeconds = 3600;

    public void Validate()
    {
        if (Clients is < 1 or > MaxClients || Size is < 0 or > MaxSize || Pipeline is < 1 or > MaxPipeline
            || Duration is { } d && (d <= TimeSpan.Zero || d.TotalSeconds > MaxSeconds) || Requests is < 1)
            throw new ArgumentOutOfRangeException(nameof(BenchOptions), this,
                $"clients 1..{MaxClients}, size 0..{MaxSize}, pipeline 1..{MaxPipeline}, duration (0, {MaxSeconds}] s, requests ≥ 1");
    }
}

/// <summary>
/// DESIGN.md §4's bench result, plus (additive) p99.9, the pipeline depth, the operation count
/// and MB/s. Latencies are null for operations that have none (a fire-and-forget publish).
/// </summary>
public sealed record BenchResult(string Service, string Operation, double OpsPerSec, double? P50Us, double? P99Us, int Clients, int Size, double DurationS)
{
    public double? P999Us { get; init; }
    public int Pipeline { get; init; } = 1;
    public long Operations { get; init; }
    public double MbPerSec { get; init; }

    public static BenchResult From(string service, string operation, BenchOptions options, long operations, double elapsedSeconds, LatencyHistogram? latencies) =>
        new(service, operation, Math.Round(operations / elapsedSeconds, 1), latencies?.PercentileMicroseconds(0.50), latencies?.PercentileMicroseconds(0.99),
            options.Clients, options.Size, Math.Round(elapsedSeconds, 3))
        {
            P999Us = latencies?.PercentileMicroseconds(0.999),
            Pipeline = options.Pipeline,
            Operations = operations,
            MbPerSec = Math.Round(operations * (double)options.Size / elapsedSeconds / 1_000_000, 2),
        };
}

/// <summary>Why a benchmark did not run (a service that is not there to measure); `{"skipped": "..."}` in JSON.</summary>
public sealed record BenchSkipped(string Skipped);
