using Arc.Platform.Technologies.Pulsar.Rules;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Tests.Verify.Rules;

/// <summary>consumer-pulsar-provisioned names the consumer and where its need is written, not only the line of topics.yaml.</summary>
[Trait("Tier", "unit")]
public sealed class ConsumerPulsarRuleTests
{
    private const string Topics = "services/streaming/topics.yaml";
    private const string Consumers = "services/consumers.yaml";

    [Fact]
    public void The_repository_provisions_every_Pulsar_resource_its_consumers_need()
    {
        using var repo = new RepoCopy();

        Assert.Empty(new ConsumerPulsarProvisioned().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));
    }

    [Fact]
    public void A_different_partition_count_names_the_consumer_and_its_line()
    {
        using var repo = new RepoCopy();
        repo.Edit(Topics, "    partitions: 4", "    partitions: 2");

        var violation = Assert.Single(new ConsumerPulsarProvisioned().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Equal((Topics, repo.LineOf(Topics, "- topic: persistent://arc-system/logs/application")), (violation.File, violation.Line));
        Assert.Contains($"cortex ({Consumers}:{repo.LineOf(Consumers, "persistent://arc-system/logs/application")})", violation.Message);
        Assert.Contains("has 2 partition(s)", violation.Message);
        Assert.Contains("creates it with 4", violation.Message);
    }

    [Fact]
    public void A_missing_tenant_names_the_consumer_that_needs_it()
    {
        using var repo = new RepoCopy();
        repo.Edit(Consumers, "tenants: [arc]", "tenants: [arc, sherlock]");

        var violation = Assert.Single(new ConsumerPulsarProvisioned().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Equal((Topics, repo.LineOf(Topics, "tenants:")), (violation.File, violation.Line));
        Assert.StartsWith("tenant sherlock is not declared, but reasoner (services/consumers.yaml:", violation.Message);
    }

    [Fact]
    public void A_topics_file_that_does_not_load_is_a_violation_of_the_rule()
    {
        using var repo = new RepoCopy();
        repo.Edit(Topics, "    partitions: 1", "    partitions: none");

        var violation = Assert.Single(new ConsumerPulsarProvisioned().Check(new RepoSnapshot(repo.Root, TechnologyFacts.Catalog)));

        Assert.Equal(Topics, violation.File);
        Assert.Contains("'partitions' must be an integer", violation.Message);
    }
}
