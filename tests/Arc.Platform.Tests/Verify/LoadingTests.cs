using Arc.Platform.Compose;
using Arc.Platform.Verify;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Verify;

/// <summary>A missing or malformed file is a located violation of the rules that need it; an invalid registry is exit 2.</summary>
[Trait("Tier", "unit")]
public sealed class LoadingTests
{
    [Theory]
    [InlineData("services/cache/docker-compose.yml", "ports-loopback-only", "redis-persistence-flags", "exporters-present")]
    [InlineData("services/messaging/Dockerfile", "nats-non-root", "labels-oci", "image-pinned-once")]
    [InlineData("services/otel/telemetry/config/otel-collector-config.yaml", "collector-prometheus-in-pipeline", "collector-scrapes-declared-metrics")]
    [InlineData("services/otel/docker-compose.yml", "collector-on-both-networks", "otel-storage-internal", "volumes-named-only")]
    [InlineData("Makefile", "makefile-includes-every-mk")]
    [InlineData(".github/workflows/messaging-release.yml", "workflow-release-tag")]
    public void A_missing_file_is_a_violation_at_line_1_of_each_rule_that_needs_it(string file, params string[] rules)
    {
        using var repo = new RepoCopy();
        repo.Delete(file);

        var result = repo.Verify();

        Assert.All(result.Violations, v => Assert.Equal((file, 1, "file not found"), (v.File, v.Line, v.Message)));
        var fired = result.Violations.Select(v => v.Rule).ToHashSet();
        Assert.All(rules, rule => Assert.Contains(rule, fired));
    }

    [Fact]
    public void Malformed_compose_yaml_is_a_violation_naming_file_and_line()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/cache/docker-compose.yml", "    container_name: arc-cache\n", "    container_name: arc-cache\n    labels: [unclosed\n");

        var result = repo.Verify();

        Assert.NotEmpty(result.Violations);
        Assert.All(result.Violations, v =>
        {
            Assert.Equal("services/cache/docker-compose.yml", v.File);
            Assert.InRange(v.Line, 8, 12);
            Assert.StartsWith("malformed YAML", v.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_compose_file_without_services_is_a_located_violation()
    {
        using var repo = new RepoCopy();
        repo.Write("services/streaming/docker-compose.yml", "# emptied\nvolumes: {}\n");

        var result = repo.Verify();

        Assert.Contains(result.Violations, v => v.File == "services/streaming/docker-compose.yml" && v.Message.Contains("'services'", StringComparison.Ordinal));
        Assert.All(result.Violations, v => Assert.Equal("services/streaming/docker-compose.yml", v.File));
    }

    [Fact]
    public void Malformed_collector_config_is_a_violation_of_the_collector_rules()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/otel/telemetry/config/otel-collector-config.yaml", "processors:\n", "processors: [\n");

        var result = repo.Verify();

        Assert.Equal(["collector-prometheus-in-pipeline", "collector-scrapes-declared-metrics"], result.Violations.Select(v => v.Rule).Order().ToArray());
    }

    [Fact]
    public void An_invalid_registry_is_a_configuration_error_not_a_violation()
    {
        using var repo = new RepoCopy();
        repo.Edit("services/cache/service.yaml", "  client: 6379", "  client: 4222");

        var error = Assert.Throws<ConfigException>(() => repo.Verify());

        Assert.EndsWith("/service.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("4222", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_messaging_mk_fails_the_aggregates_and_the_include_that_expects_it()
    {
        using var repo = new RepoCopy();
        repo.Delete("services/messaging.mk");

        var result = repo.Verify();

        Assert.Equal(
            [("Makefile", "makefile-includes-every-mk"), ("services/messaging.mk", "messaging-aggregates")],
            result.Violations.Select(v => (v.File, v.Rule)).ToArray());
    }

    [Fact]
    public void Violation_prints_as_file_line_rule_message()
    {
        var violation = new Violation("ports-loopback-only", "services/messaging/docker-compose.yml", 12, "publishes '4222:4222' on every interface");

        Assert.Equal("services/messaging/docker-compose.yml:12 ports-loopback-only publishes '4222:4222' on every interface", violation.ToString());
    }

    [Fact]
    public void Rules_are_counted_even_when_nothing_is_wrong()
    {
        var result = Verifier.Run(TempRepo.RealRoot, TechnologyFacts.Catalog);

        Assert.Equal(Verifier.Rules.Count, result.RuleCount);
        Assert.True(result.Passed);
    }
}
