namespace Arc.Platform.Health;

/// <summary>The outcome of one probe: healthy or not, how long it took, and a short human detail.</summary>
public sealed record ProbeResult(bool Healthy, TimeSpan Latency, string Detail)
{
    public static ProbeResult Ok(TimeSpan latency, string detail = "ok") => new(true, latency, detail);
    public static ProbeResult Fail(TimeSpan latency, string detail) => new(false, latency, detail);
}
