using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Lifecycle;

/// <summary>`arc streams` and `arc topics` find their service through a technology's capability, never its name.</summary>
[Trait("Tier", "unit")]
public sealed class ProvisioningDispatchTests
{
    private const string Root = "/nonexistent/checkout";

    [Fact]
    public async Task Streams_without_a_service_whose_technology_provisions_streams_is_the_usage_error_naming_nats()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();
        var registry = Registry(SampleServices.Redis(16379), SampleServices.Pulsar(16650, 18080));

        var error = await Assert.ThrowsAsync<UsageException>(() => ProvisioningOperations.ListStreamsAsync(registry, technologies, CancellationToken.None));

        Assert.Equal("no service with tech: nats in services/*/service.yaml, so there are no JetStream streams to manage", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task Topics_without_a_service_whose_technology_provisions_topics_is_the_usage_error_naming_pulsar()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();
        var registry = Registry(SampleServices.Nats(14222, 18222), SampleServices.Redis(16379));

        var error = await Assert.ThrowsAsync<UsageException>(() => ProvisioningOperations.ApplyTopicsAsync(registry, technologies, CancellationToken.None));

        Assert.Equal("no service with tech: pulsar in services/*/service.yaml, so there are no Pulsar resources to manage", error.Message);
    }

    [Fact]
    public async Task Streams_go_to_the_first_service_whose_technology_has_the_capability_whatever_its_tech_is_called()
    {
        var streaming = new StreamingTechnology();
        await using var technologies = new TechnologyCatalog([new RedisTechnology(), streaming]);
        var first = SampleServices.Nats(14222, 18222) with { Codename = "first", Tech = streaming.Tech };
        var second = first with { Codename = "second" };
        var registry = Registry(SampleServices.Redis(16379), first, second);

        var listed = await ProvisioningOperations.ListStreamsAsync(registry, technologies, CancellationToken.None);
        await ProvisioningOperations.ApplyStreamsAsync(registry, technologies, CancellationToken.None);

        Assert.Equal("first", Assert.Single(listed).Name);
        Assert.Equal(["list first " + Root, "apply first " + Root], streaming.Calls);
    }

    [Fact]
    public async Task The_default_technologies_have_exactly_the_capabilities_of_the_plan()
    {
        await using var technologies = TechnologyCatalog.CreateDefault();

        Assert.IsAssignableFrom<IStreamProvisioning>(technologies.Find("nats"));
        Assert.IsAssignableFrom<ITopicProvisioning>(technologies.Find("pulsar"));
        Assert.False(technologies.Find("redis") is IStreamProvisioning or ITopicProvisioning);
        Assert.False(technologies.Find("nats") is ITopicProvisioning);
        Assert.False(technologies.Find("pulsar") is IStreamProvisioning);
    }

    private static ServiceRegistry Registry(params ServiceDefinition[] services) => new(Root, services, []);

    /// <summary>A technology under another name that provisions streams: dispatch must find it by capability.</summary>
    private sealed class StreamingTechnology : ITechnology, IStreamProvisioning
    {
        public List<string> Calls { get; } = [];

        public string Tech => "streaming-fake";

        public ClientConnection Connection => throw new NotSupportedException();

        public Task<IReadOnlyList<StreamStatus>> ListStreamsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken)
        {
            Calls.Add($"list {service.Codename} {root}");
            return Task.FromResult<IReadOnlyList<StreamStatus>>([new StreamStatus(service.Codename, true, 0, 0, [])]);
        }

        public Task<IReadOnlyList<StreamOutcome>> ApplyStreamsAsync(ServiceDefinition service, string root, CancellationToken cancellationToken)
        {
            Calls.Add($"apply {service.Codename} {root}");
            return Task.FromResult<IReadOnlyList<StreamOutcome>>([]);
        }

        public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public NativeLaunchPlan PlanNativeLaunch(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) => throw new NotSupportedException();

        public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
