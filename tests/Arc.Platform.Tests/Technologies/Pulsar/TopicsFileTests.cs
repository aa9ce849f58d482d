using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Yaml;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Pulsar;

[Trait("Tier", "unit")]
public class TopicsFileTests
{
    private const string Valid = """
        tenants:
          - name: arc-system
            allowed_clusters: [standalone]
        namespaces:
          - arc-system/events
        partitioned_topics:
          - topic: persistent://arc-system/events/agent-lifecycle
            partitions: 3
        """;

    [Fact]
    public void The_repository_file_declares_what_Cortex_and_the_reasoner_need()
    {
        var resources = TopicsFile.Load(TopicsFile.PathUnder(SampleServices.RepositoryRoot()!));

        Assert.Equal(["arc-system", "arc"], resources.Tenants.Select(t => t.Name));
        Assert.All(resources.Tenants, t => Assert.Equal(["standalone"], t.AllowedClusters));
        Assert.Equal(["arc-system/events", "arc-system/logs", "arc-system/audit", "arc/default"], resources.Namespaces.Select(n => n.Path));
        Assert.Equal(
            ["persistent://arc-system/events/agent-lifecycle 3", "persistent://arc-system/logs/application 4", "persistent://arc-system/audit/command-log 1"],
            resources.PartitionedTopics.Select(t => $"{t.Topic} {t.Partitions}"));
    }

    [Fact]
    public void A_valid_file_reads_with_lines()
    {
        var resources = TopicsFile.Parse(Valid);

        Assert.Equal(2, resources.Tenants[0].Line);
        Assert.Equal(5, resources.Namespaces[0].Line);
        Assert.Equal(7, resources.PartitionedTopics[0].Line);
    }

    [Theory]
    [InlineData("allowed_clusters: [standalone]", "allowed_clusters: [standalone]\n    admins: [me]", 4, "unknown key 'admins'")]
    [InlineData("allowed_clusters: [standalone]", "allowed_clusters: []", 3, "needs a non-empty 'allowed_clusters' list")]
    [InlineData("  - arc-system/events", "  - other/events", 5, "tenant 'other', which 'tenants' does not declare")]
    [InlineData("  - arc-system/events", "  - arc-system", 5, "must be written tenant/namespace")]
    [InlineData("  - arc-system/events", "  - arc-system/events\n  - arc-system/events", 6, "declared twice")]
    [InlineData("persistent://arc-system/events/agent-lifecycle", "persistent://arc-system/logs/agent-lifecycle", 7, "namespace 'arc-system/logs', which 'namespaces' does not declare")]
    [InlineData("persistent://arc-system/events/agent-lifecycle", "non-persistent://arc-system/events/x", 7, "must be written persistent://tenant/namespace/name")]
    [InlineData("persistent://arc-system/events/agent-lifecycle", "persistent://arc-system/events/bad name", 7, "may hold only letters")]
    [InlineData("partitions: 3", "partitions: 0", 8, "'partitions' must be between 1 and 10000")]
    [InlineData("partitions: 3", "partitions: '3'", 8, "'partitions' must be an integer")]
    [InlineData("partitioned_topics:", "topics: []\npartitioned_topics:", 6, "unknown key 'topics'")]
    public void Each_mistake_is_located(string find, string replace, int line, string message)
    {
        var error = Assert.Throws<ConfigException>(() => TopicsFile.Parse(Valid.Replace(find, replace)));

        Assert.Equal(TopicsFile.RelativePath, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Reason);
    }
}
