using Arc.Platform.Health;

namespace Arc.Platform.Technologies.Nats;

internal static class NatsDeepProbe
{
    public static Task<ProbeResult> RunAsync(string url, CancellationToken cancellationToken) =>
        Task.FromResult(ProbeResult.Fail(TimeSpan.Zero, "deep probe not implemented yet"));
}
