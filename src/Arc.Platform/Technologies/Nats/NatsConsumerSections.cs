using Arc.Platform.Consumers;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Nats;

/// <summary>A JetStream stream the consumer provisions itself, with the only fields it sets.</summary>
public sealed record ConsumerStream(string Name, IReadOnlyList<string> Subjects, StreamRetention Retention, TimeSpan MaxAge, int Line);

/// <summary>Plain NATS use (no streams): documentation the tests replay.</summary>
public sealed record NatsUse(IReadOnlyList<string> Subjects, string? QueueGroup);

/// <summary>A consumer's NATS sections: <c>streams:</c> (what it provisions) and <c>nats:</c> (what it subscribes to).</summary>
public sealed partial class NatsTechnology : IConsumerSections
{
    public IReadOnlyList<ConsumerSection> ConsumerSections { get; } =
        [new(NatsConsumer.StreamsKey, NatsConsumer.ReadStreams), new(NatsConsumer.NatsKey, NatsConsumer.ReadNats)];
}

public static class NatsConsumer
{
    internal const string StreamsKey = "streams";
    internal const string NatsKey = "nats";

    extension(Consumer consumer)
    {
        /// <summary>The streams the consumer provisions; none when it declares none.</summary>
        public IReadOnlyList<ConsumerStream> Streams => consumer.Use<IReadOnlyList<ConsumerStream>>(StreamsKey) ?? [];

        public NatsUse? Nats => consumer.Use<NatsUse>(NatsKey);
    }

    internal static object? ReadStreams(YamlMap map, string consumer)
    {
        if (map.Get(StreamsKey) is null)
            return null;
        IReadOnlyList<ConsumerStream> streams = [.. ConsumersFile.Items(map, StreamsKey).Select(ReadStream)];
        var twice = streams.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ConfigException(map.File, twice.Last().Line, 1, $"{consumer} declares stream '{twice.Key}' twice");
        return streams;
    }

    private static ConsumerStream ReadStream(YamlMap map)
    {
        var name = map.RequireString("name");
        var subjects = StreamsFile.Subjects(map, "subjects");
        if (subjects.Count == 0)
            throw map.Error(map.Get("subjects") ?? map.Node, $"stream '{name}' needs a non-empty 'subjects' list");
        var stream = new ConsumerStream(
            name,
            subjects,
            StreamsFile.Retention(map) ?? throw map.Error(map.Node, $"stream '{name}' needs 'retention'"),
            StreamsFile.Duration(map, "max_age") ?? throw map.Error(map.Node, $"stream '{name}' needs 'max_age'"),
            map.Line);
        map.RejectUnknownKeys();
        return stream;
    }

    internal static object? ReadNats(YamlMap map, string consumer)
    {
        if (map.OptionalMap(NatsKey, $"{consumer}'s '{NatsKey}'") is not { } nats)
            return null;
        var use = new NatsUse(StreamsFile.Subjects(nats, "subjects"), nats.OptionalString("queue_group"));
        nats.RejectUnknownKeys();
        return use;
    }
}
