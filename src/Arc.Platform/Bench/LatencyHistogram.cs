using System.Diagnostics;
using System.Numerics;

namespace Arc.Platform.Bench;

/// <summary>
/// Latencies in fixed log-linear buckets (HdrHistogram's layout: 64 linear sub-buckets per power
/// of two, so any value is kept within 1.6 %). Recording is one array increment — no list that
/// grows with the run, no allocation, no sort — so measuring costs the client nothing it would
/// otherwise spend on the server. Not thread-safe: one per client, merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets;
    // Up to 2^42 ticks: more than an hour at Stopwatch's nanosecond frequency.
    private const int MaxShift = 42 - SubBucketBits;
    private readonly long[] _counts = new long[LinearLimit + MaxShift * SubBuckets];

    public long Count { get; private set; }

    /// <summary>Adds <paramref name="times"/> samples of <paramref name="ticks"/> Stopwatch ticks.</summary>
    public void Record(long ticks, int times = 1)
    {
        _counts[Index(Math.Max(0, ticks))] += times;
        Count += times;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>Nearest-rank percentile in microseconds (the bucket's highest value); null when nothing was recorded.</summary>
    public double? PercentileMicroseconds(double fraction)
    {
        if (Count == 0)
            return null;
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Round(HighestValue(i) * 1_000_000.0 / Stopwatch.Frequency, 1);
        }
        return Math.Round(HighestValue(_counts.Length - 1) * 1_000_000.0 / Stopwatch.Frequency, 1);
    }

    internal static int Index(long value)
    {
        if (value < LinearLimit)
            return (int)value;
        var shift = Math.Min(63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits, MaxShift);
        var sub = Math.Min(value >> shift, LinearLimit - 1);
        return LinearLimit + (shift - 1) * SubBuckets + (int)(sub - SubBuckets);
    }

    internal static long HighestValue(int index)
    {
        if (index < LinearLimit)
            return index;
        var shift = (index - LinearLimit) / SubBuckets + 1;
        var sub = (long)((index - LinearLimit) % SubBuckets + SubBuckets);
        return ((sub + 1) << shift) - 1;
    }
}
