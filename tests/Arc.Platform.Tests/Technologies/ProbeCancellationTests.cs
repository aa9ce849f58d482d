using Arc.Platform.Technologies;
using Xunit;

namespace Arc.Platform.Tests.Technologies;

/// <summary>
/// A probe never throws for an unhealthy service, but it does stop when the caller cancels
/// (Ctrl-C during a wait): cancellation is the caller's decision, not a health verdict.
/// </summary>
[Trait("Tier", "unit")]
public class ProbeCancellationTests
{
    public static TheoryData<string> Technologies => ["nats", "redis", "pulsar"];

    [Theory]
    [MemberData(nameof(Technologies))]
    public async Task A_cancelled_probe_throws_OperationCanceledException(string tech)
    {
        var service = ServiceOn(tech);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await using var catalog = TechnologyCatalog.CreateDefault();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => catalog.Find(tech)!.ProbeAsync(service, cancelled.Token));
    }

    [Theory]
    [MemberData(nameof(Technologies))]
    public async Task A_cancelled_deep_probe_throws_OperationCanceledException(string tech)
    {
        var service = ServiceOn(tech);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await using var catalog = TechnologyCatalog.CreateDefault();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => catalog.Find(tech)!.DeepProbeAsync(service, cancelled.Token));
    }

    /// <summary>A service of <paramref name="tech"/> on ports nothing listens on.</summary>
    private static Arc.Platform.Registry.ServiceDefinition ServiceOn(string tech) => tech switch
    {
        "nats" => SampleServices.Nats(FreePorts.Next(), FreePorts.Next()),
        "redis" => SampleServices.Redis(FreePorts.Next()),
        _ => SampleServices.Pulsar(FreePorts.Next(), FreePorts.Next()),
    };
}
