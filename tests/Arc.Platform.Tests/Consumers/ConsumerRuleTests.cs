using Arc.Platform.Tests.Verify;

namespace Arc.Platform.Tests.Consumers;

/// <summary>What the consumer rules say, beyond which rule fires where (that is RuleBreakTests' part).</summary>
[Trait("Tier", "unit")]
public sealed class ConsumerRuleTests
{
    [Fact]
    public void A_subject_cortex_needs_changed_in_streams_yaml_fails_verify_naming_cortex_file_and_line()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/messaging/streams.yaml", "subjects: [\"agent.*.cmd\"]", "subjects: [\"agent.*.command\"]");

        var violation = Assert.Single(repo.Verify().Violations);

        Assert.Equal(("consumer-streams-match", "services/messaging/streams.yaml", repo.LineOf("services/messaging/streams.yaml", "agent.*.command")),
            (violation.Rule, violation.File, violation.Line));
        Assert.Contains("cortex (services/consumers.yaml:", violation.Message);
        Assert.Contains("[agent.*.cmd]", violation.Message);
    }

    [Theory]
    [InlineData("CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: password}",
        "cortex's CORTEX_BOOTSTRAP_NATS_URL: flash (nats) has no password")]
    [InlineData("CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: admin_url}",
        "cortex's CORTEX_BOOTSTRAP_NATS_URL: flash (nats) has no admin_url")]
    public void A_value_the_technology_does_not_offer_is_refused_naming_service_tech_and_value(string old, string edited, string message)
    {
        using var repo = new RepoCopy();
        repo.Edit("services/consumers.yaml", old, edited);

        var violation = Assert.Single(repo.Verify().Violations);

        Assert.Equal("consumer-settings-resolve", violation.Rule);
        Assert.Equal(message, violation.Message);
    }

    [Fact]
    public void A_setting_of_a_service_whose_tech_arc_does_not_know_is_refused_naming_the_tech()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/messaging/service.yaml", "tech: nats", "tech: kafka");

        var violations = new Arc.Platform.Verify.Rules.ConsumerSettingsResolve()
            .Check(new Arc.Platform.Verify.RepoSnapshot(repo.Root, TechnologyFacts.Catalog)).ToList();

        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.EndsWith(": arc knows no connection values of tech 'kafka'", v.Message));
    }

    [Fact]
    public void A_malformed_consumers_file_is_reported_by_every_consumer_rule_at_its_line()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/consumers.yaml", "    source: >-\n      services/cortex", "    sauce: >-\n      services/cortex");

        var violations = repo.Verify().Violations;

        Assert.Equal(["consumer-pulsar-provisioned", "consumer-settings-resolve", "consumer-settings-safe", "consumer-streams-match", "consumer-streams-server-defaults"], violations.Select(v => v.Rule).Order());
        Assert.All(violations, v => Assert.Equal(("services/consumers.yaml", repo.LineOf("services/consumers.yaml", "sauce:")), (v.File, v.Line)));
    }

    [Fact]
    public void A_consumer_that_provisions_no_streams_needs_none_in_streams_yaml()
    {
        using var repo = new RepoCopy();
        repo.Write("services/consumers.yaml", "consumers:\n  reasoner:\n    source: config.py\n");

        Assert.Empty(repo.Verify().Violations);
    }
}
