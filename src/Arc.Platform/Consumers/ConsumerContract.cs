using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Consumers;

/// <summary>
/// One platform service that uses this layer (Cortex, the reasoner), as services/consumers.yaml
/// records it from the service's own source. Every <c>Line</c> is in services/consumers.yaml.
/// </summary>
public sealed record Consumer(
    string Name,
    string Source,
    IReadOnlyList<ConsumerStream> Streams,
    PulsarNeeds? Pulsar,
    IReadOnlyList<ConsumerSetting> Settings,
    NatsUse? Nats,
    RedisUse? Redis,
    int Line);

/// <summary>A JetStream stream the consumer provisions itself, with the only fields it sets.</summary>
public sealed record ConsumerStream(string Name, IReadOnlyList<string> Subjects, StreamRetention Retention, TimeSpan MaxAge, int Line);

/// <summary>Pulsar resources the consumer needs: it creates them, or expects them to exist.</summary>
public sealed record PulsarNeeds(IReadOnlyList<string> Tenants, IReadOnlyList<string> Namespaces, IReadOnlyList<PartitionedTopic> PartitionedTopics, int Line);

public sealed record PartitionedTopic(string Topic, int Partitions, int Line);

/// <summary>What a setting holds, taken from one service's endpoint.</summary>
public enum SettingValue
{
    /// <summary>The service's client URL: nats://, redis://, pulsar://.</summary>
    Url,
    /// <summary>Pulsar's admin REST URL: http://.</summary>
    AdminUrl,
    Host,
    Port,
    /// <summary>The service's password: printed only where one is configured (none is, today).</summary>
    Password,
    /// <summary>A fixed value (<see cref="ConsumerSetting.Literal"/>).</summary>
    Literal,
}

/// <summary>One environment variable the consumer reads, and which service's value it holds.</summary>
public sealed record ConsumerSetting(string Variable, string Service, SettingValue Value, string? Literal, int Line);

/// <summary>Plain NATS use (no streams): documentation the tests replay.</summary>
public sealed record NatsUse(IReadOnlyList<string> Subjects, string? QueueGroup);

/// <summary>Redis use: documentation the tests replay.</summary>
public sealed record RedisUse(string KeyPrefix, int TtlSeconds);
