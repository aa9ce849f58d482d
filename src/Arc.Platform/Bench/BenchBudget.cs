using System.Diagnostics;

namespace Arc.Platform.Bench;

/// <summary>
/// How much work is left, shared by every client: a request count handed out in batches, or a
/// deadline. Taking work is one interlocked add or one clock read — nothing that would show in
/// a profile beside a network round trip.
/// </summary>
public sealed class BenchBudget
{
    private readonly long _deadline;
    private long _remaining;

    public BenchBudget(BenchOptions options)
    {
        _remaining = options.Requests ?? long.MaxValue;
        _deadline = options.Requests is null
            ? Stopwatch.GetTimestamp() + (long)((options.Duration ?? BenchOptions.Default.Duration!.Value).TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    /// <summary>Claims up to <paramref name="wanted"/> operations; 0 when the run is over.</summary>
    public int Take(int wanted)
    {
        if (_deadline != long.MaxValue)
            return Stopwatch.GetTimestamp() < _deadline ? wanted : 0;
        var left = Interlocked.Add(ref _remaining, -wanted);
        return (int)Math.Clamp(wanted + left, 0, wanted);
    }
}
