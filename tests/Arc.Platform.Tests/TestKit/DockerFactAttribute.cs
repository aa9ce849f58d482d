using Xunit.Abstractions;
using Xunit.Sdk;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A test of the docker tier. Its class takes <see cref="DockerTierFixture"/>; the test is skipped
/// with engine.sh's reason when no private engine can run here, and fails with the set-up failure
/// when the engine ran but the kit or the first `arc up` broke.
/// </summary>
[XunitTestCaseDiscoverer("Arc.Platform.Tests.TestKit.DockerFactDiscoverer", TierTraitDiscoverer.AssemblyName)]
[TraitDiscoverer(TierTraitDiscoverer.TypeName, TierTraitDiscoverer.AssemblyName)]
public sealed class DockerFactAttribute : FactAttribute, ITierAttribute
{
    public string Tier => "docker";
}

public sealed class DockerFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new DockerTierTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

/// <summary>Decides skip or fail from the tier's collection fixture, which exists only once the test run reaches the tier.</summary>
public sealed class DockerTierTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer only")]
    public DockerTierTestCase()
    {
    }

    public DockerTierTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod)
    {
    }

    public override Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments,
        ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var tier = constructorArguments.OfType<DockerTierFixture>().SingleOrDefault();
        var setup = new ExceptionAggregator(aggregator);
        if (tier is null)
            setup.Add(new InvalidOperationException($"a [DockerFact] test's class takes {nameof(DockerTierFixture)} in its constructor"));
        else if (tier.SkipReason is null && tier.SetupFailure is { } failure)
            setup.Add(new XunitException(failure));
        return new XunitTestCaseRunner(this, DisplayName, tier?.SkipReason, constructorArguments, TestMethodArguments, messageBus, setup, cancellationTokenSource).RunAsync();
    }
}
