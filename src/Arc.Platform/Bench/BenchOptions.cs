namespace Arc.Platform.Bench;

/// <summary>How hard and how long to drive a service: <see cref="Clients"/> concurrent connections, each doing one operation at a time.</summary>
public sealed record BenchOptions(TimeSpan Duration, int Clients, int Size)
{
    public static BenchOptions Default { get; } = new(TimeSpan.FromSeconds(5), 4, 128);
}

/// <summary>DESIGN.md §4's bench result: throughput and latency percentiles of one operation.</summary>
public sealed record BenchResult(string Service, string Operation, double OpsPerSec, double P50Us, double P99Us, int Clients, int Size, double DurationS);
