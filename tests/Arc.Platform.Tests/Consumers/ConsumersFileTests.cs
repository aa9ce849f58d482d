using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Consumers;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Consumers;

[Trait("Tier", "unit")]
public sealed class ConsumersFileTests
{
    private static Consumer Cortex => ConsumersFile.LoadUnder(TempRepo.RealRoot, TechnologyFacts.Catalog.ConsumerSections).Single(c => c.Name == "cortex");

    private static Consumer Reasoner => ConsumersFile.LoadUnder(TempRepo.RealRoot, TechnologyFacts.Catalog.ConsumerSections).Single(c => c.Name == "reasoner");

    [Fact]
    public void The_repository_file_records_cortexs_three_streams_with_their_four_fields()
    {
        var streams = Cortex.Streams.ToDictionary(s => s.Name);

        Assert.Equal(["agent.*.cmd"], streams["AGENT_COMMANDS"].Subjects);
        Assert.Equal((StreamRetention.Limits, TimeSpan.FromHours(24)), (streams["AGENT_COMMANDS"].Retention, streams["AGENT_COMMANDS"].MaxAge));
        Assert.Equal(["agent.*.event", "agent.*.status"], streams["AGENT_EVENTS"].Subjects);
        Assert.Equal((StreamRetention.Interest, TimeSpan.FromHours(168)), (streams["AGENT_EVENTS"].Retention, streams["AGENT_EVENTS"].MaxAge));
        Assert.Equal(["metrics.>"], streams["SYSTEM_METRICS"].Subjects);
        Assert.Equal((StreamRetention.Limits, TimeSpan.FromHours(6)), (streams["SYSTEM_METRICS"].Retention, streams["SYSTEM_METRICS"].MaxAge));
    }

    [Fact]
    public void The_repository_file_records_each_consumers_pulsar_needs_and_settings()
    {
        var cortex = Cortex.Pulsar!;
        var reasoner = Reasoner.Pulsar!;
        Assert.Equal(["arc-system"], cortex.Tenants);
        Assert.Equal(["arc-system/events", "arc-system/logs", "arc-system/audit"], cortex.Namespaces);
        Assert.Contains(new PartitionedTopic("persistent://arc-system/logs/application", 4, 0), cortex.PartitionedTopics, SameTopic.Instance);
        Assert.Equal(["arc"], reasoner.Tenants);
        Assert.Equal(["arc/default"], reasoner.Namespaces);
        Assert.Equal(
            ["CORTEX_BOOTSTRAP_NATS_URL", "CORTEX_BOOTSTRAP_PULSAR_ADMIN_URL", "CORTEX_BOOTSTRAP_PULSAR_SERVICE_URL", "CORTEX_BOOTSTRAP_PULSAR_TENANT",
             "CORTEX_BOOTSTRAP_REDIS_HOST", "CORTEX_BOOTSTRAP_REDIS_PORT", "CORTEX_BOOTSTRAP_REDIS_DB", "CORTEX_BOOTSTRAP_REDIS_PASSWORD"],
            Cortex.Settings.Select(s => s.Variable));
        Assert.Equal(["SHERLOCK_NATS_URL", "SHERLOCK_PULSAR_URL", "SHERLOCK_SONIC_URL"], Reasoner.Settings.Select(s => s.Variable));
        Assert.Equal(new NatsUse(["reasoner.request", "arc.reasoner.*"], "reasoner_workers"), Reasoner.Nats! with { Subjects = Reasoner.Nats!.Subjects.ToList() }, NatsUseComparer.Instance);
        Assert.Equal(new RedisUse("arc:ctx:", 300), Reasoner.Redis);
    }

    [Theory]
    [InlineData("consumers:\n  cortex:\n    source: x\n    colour: blue\n", 4, "unknown key 'colour'")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    streams:\n      - name: A\n        subjects: [a]\n        retention: forever\n        max_age: 1h\n", 7, "'retention' must be one of")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    streams:\n      - name: A\n        subjects: [a]\n        retention: limits\n", 5, "needs 'max_age'")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    settings:\n      NATS_URL: {service: flash, value: uri}\n", 5, "'value' must be one of")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    settings:\n      NATS_URL: {service: flash, value: literal}\n", 5, "needs 'literal: ...'")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    settings:\n      nats-url: {service: flash, value: url}\n", 5, "not an environment variable name")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    pulsar:\n      partitioned_topics:\n        - {topic: arc-system/events/x, partitions: 3}\n", 6, "not a topic name")]
    [InlineData("consumers:\n  cortex:\n    source: x\n    pulsar:\n      partitioned_topics:\n        - {topic: persistent://a/b/c, partitions: 0}\n", 6, "'partitions' must be between 1")]
    [InlineData("consumers:\n  cortex:\n    streams: []\n", 3, "missing required key 'source'")]
    public void A_malformed_file_is_a_located_error(string yaml, int line, string reason)
    {
        var error = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(yaml, TechnologyFacts.Catalog.ConsumerSections));

        Assert.Equal(ConsumersFile.RelativePath, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_stream_declared_twice_by_one_consumer_is_an_error_at_the_second()
    {
        const string yaml = "consumers:\n  cortex:\n    source: x\n    streams:\n      - {name: A, subjects: [a], retention: limits, max_age: 1h}\n      - {name: A, subjects: [b], retention: limits, max_age: 1h}\n";

        var error = Assert.Throws<ConfigException>(() => ConsumersFile.Parse(yaml, TechnologyFacts.Catalog.ConsumerSections));

        Assert.Equal(6, error.Line);
        Assert.Contains("declares stream 'A' twice", error.Message);
    }

    [Fact]
    public void No_file_means_no_consumers()
    {
        using var repo = TempRepo.Empty();

        Assert.Empty(ConsumersFile.LoadUnder(repo.Root, TechnologyFacts.Catalog.ConsumerSections));
    }

    private sealed class SameTopic : IEqualityComparer<PartitionedTopic>
    {
        public static readonly SameTopic Instance = new();
        public bool Equals(PartitionedTopic? x, PartitionedTopic? y) => (x?.Topic, x?.Partitions) == (y?.Topic, y?.Partitions);
        public int GetHashCode(PartitionedTopic obj) => obj.Topic.GetHashCode();
    }

    private sealed class NatsUseComparer : IEqualityComparer<NatsUse>
    {
        public static readonly NatsUseComparer Instance = new();
        public bool Equals(NatsUse? x, NatsUse? y) => x!.QueueGroup == y!.QueueGroup && x.Subjects.SequenceEqual(y.Subjects);
        public int GetHashCode(NatsUse obj) => 0;
    }
}
