using Arc.Platform.Consumers;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>Pulsar resources the consumer needs: it creates them, or expects them to exist.</summary>
public sealed record PulsarNeeds(IReadOnlyList<string> Tenants, IReadOnlyList<string> Namespaces, IReadOnlyList<PartitionedTopic> PartitionedTopics, int Line);

public sealed record PartitionedTopic(string Topic, int Partitions, int Line);

/// <summary>A consumer's <c>pulsar:</c> section: the tenants, namespaces and partitioned topics it needs.</summary>
public sealed partial class PulsarTechnology : IConsumerSections
{
    public IReadOnlyList<ConsumerSection> ConsumerSections { get; } = [new(PulsarConsumer.Key, PulsarConsumer.Read)];
}

public static class PulsarConsumer
{
    internal const string Key = "pulsar";

    extension(Consumer consumer)
    {
        public PulsarNeeds? Pulsar => consumer.Use<PulsarNeeds>(Key);
    }

    internal static object? Read(YamlMap consumer, string name)
    {
        if (consumer.OptionalMap(Key, $"{name}'s '{Key}'") is not { } map)
            return null;
        var needs = new PulsarNeeds(
            ConsumersFile.Checked(map, "tenants", tenant => PulsarName.Problem(tenant, "tenant name")),
            ConsumersFile.Checked(map, "namespaces", PulsarName.NamespaceProblem),
            [.. ConsumersFile.Items(map, "partitioned_topics").Select(ReadTopic)],
            map.Line);
        map.RejectUnknownKeys();
        return needs;
    }

    private static PartitionedTopic ReadTopic(YamlMap map)
    {
        var topic = new PartitionedTopic(map.RequireString("topic"), map.RequireInt("partitions", 1, 1024), map.Line);
        map.RejectUnknownKeys();
        if (PulsarName.TopicProblem(topic.Topic) is { } problem)
            throw map.Error(map.Get("topic"), problem);
        return topic;
    }
}
