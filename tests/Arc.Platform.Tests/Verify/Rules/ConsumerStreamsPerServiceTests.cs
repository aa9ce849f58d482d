using Arc.Platform.Technologies.Nats.Rules;
using Arc.Platform.Verify;

namespace Arc.Platform.Tests.Verify.Rules;

/// <summary>
/// The consumer stream rules hold each NATS service's own streams.yaml to the consumers that use that
/// service: a consumer moved to a second NATS service is checked against that service's file, not Flash's.
/// </summary>
[Trait("Tier", "unit")]
public sealed class ConsumerStreamsPerServiceTests
{
    [Fact]
    public void A_consumer_using_a_second_nats_service_is_held_to_that_services_own_streams_file()
    {
        using var repo = new RepoCopy();
        AddRelay(repo);
        repo.Edit("services/consumers.yaml", "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: relay, value: url}");

        var violations = new ConsumerStreamsMatch().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)).ToList();

        Assert.Equal(3, violations.Count);
        Assert.All(violations, v => Assert.Equal("services/relay/streams.yaml", v.File));
        Assert.Contains(violations, v => v.Message.StartsWith("stream AGENT_COMMANDS is not declared, but cortex", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_nats_service_no_consumer_uses_leaves_the_consumers_held_to_flash()
    {
        using var repo = new RepoCopy();
        AddRelay(repo);

        Assert.Empty(new ConsumerStreamsMatch().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));
    }

    private static void AddRelay(RepoCopy repo)
    {
        repo.Write("services/relay/service.yaml", repo.Read("services/messaging/service.yaml")
            .Replace("name: arc-messaging", "name: arc-relay").Replace("codename: flash", "codename: relay").Replace("role: messaging", "role: relay")
            .Replace("4222", "4322").Replace("8222", "8322").Replace("7777", "7877"));
        repo.Write("services/relay/streams.yaml", "streams:\n  - name: RELAY_EVENTS\n    subjects: [\"relay.>\"]\n");
    }
}
