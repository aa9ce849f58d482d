using Arc.Platform.Consumers;
using Arc.Platform.Verify;
using Arc.Platform.Verify.Rules;

namespace Arc.Platform.Technologies.Pulsar.Rules;

/// <summary>
/// Every Pulsar resource a consumer needs (services/consumers.yaml) is provisioned by
/// services/streaming/topics.yaml, a partitioned topic with the consumer's partition count: what
/// `arc up strange` does not create, the reasoner's producers cannot use, and a different count
/// is drift neither side can fix (Pulsar cannot remove partitions).
/// </summary>
public sealed class ConsumerPulsarProvisioned : ConsumersRule
{
    public override string Id => "consumer-pulsar-provisioned";
    public override string Description => "every Pulsar tenant, namespace and partitioned topic a consumer needs (services/consumers.yaml) is in topics.yaml, with the consumer's partition count";

    protected override IEnumerable<Violation> Check(RepoSnapshot repo, IReadOnlyList<Consumer> consumers)
    {
        // The consumers' Pulsar needs belong to the first Pulsar service's own topics.yaml (there is one today).
        if (repo.Services.FirstOrDefault(s => s.Tech == PulsarTechnology.TechName) is not { } pulsar)
            return [];
        var file = DeclaredFile.Of(pulsar, TopicsOperations.FileName).DisplayPath;
        var topics = repo.Load(file, full => TopicsFile.Load(full, file));
        if (topics.ProblemFor(Id) is { } topicsProblem)
            return [topicsProblem];
        var lines = repo.Lines(file).Value ?? [];
        return consumers.Where(c => c.Pulsar is not null)
            .SelectMany(c => Check(file, c, c.Pulsar!, topics.Value!, lines))
            .ToList();
    }

    private IEnumerable<Violation> Check(string TopicsPath, Consumer consumer, PulsarNeeds needs, PulsarResources declared, string[] lines)
    {
        var who = $"{consumer.Name} ({ConsumersFile.RelativePath}:{needs.Line})";
        foreach (var tenant in needs.Tenants.Where(t => declared.Tenants.All(d => d.Name != t)))
            yield return At(TopicsPath, KeyLine(lines, "tenants"), $"tenant {tenant} is not declared, but {who} needs it: `arc up strange` would not create it");
        foreach (var ns in needs.Namespaces.Where(n => declared.Namespaces.All(d => d.Path != n)))
            yield return At(TopicsPath, KeyLine(lines, "namespaces"), $"namespace {ns} is not declared, but {who} needs it: `arc up strange` would not create it");
        foreach (var need in needs.PartitionedTopics)
        {
            var topicWho = $"{consumer.Name} ({ConsumersFile.RelativePath}:{need.Line})";
            var topic = declared.PartitionedTopics.FirstOrDefault(t => t.Topic == need.Topic);
            if (topic is null)
                yield return At(TopicsPath, KeyLine(lines, "partitioned_topics"), $"partitioned topic {need.Topic} is not declared, but {topicWho} needs it with {need.Partitions} partition(s)");
            else if (topic.Partitions != need.Partitions)
                yield return At(TopicsPath, topic.Line,
                    $"{need.Topic} has {topic.Partitions} partition(s), {topicWho} creates it with {need.Partitions}: whichever runs first wins and the other reports drift (Pulsar cannot remove partitions)");
        }
    }

    /// <summary>The line of a top-level key, where a missing entry belongs (1 when the key is absent).</summary>
    private static int KeyLine(string[] lines, string key) =>
        Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal)) + 1 is > 0 and var line ? line : 1;
}
