namespace Arc.Platform.Consumers;

/// <summary>
/// One platform service that uses this layer (Cortex, the reasoner), as services/consumers.yaml
/// records it from the service's own source. Every <c>Line</c> is in services/consumers.yaml. What it
/// needs of one technology (its streams, topics, subjects, keys) is that technology's section, read by the
/// <see cref="ConsumerSection"/> the technology registers: <see cref="Use{T}"/> finds it.
/// </summary>
public sealed record Consumer(
    string Name,
    string Source,
    IReadOnlyList<ConsumerSetting> Settings,
    IReadOnlyDictionary<string, object> Uses,
    int Line)
{
    /// <summary>The section under <paramref name="key"/> as its technology read it; null when the consumer has none.</summary>
    public T? Use<T>(string key) where T : class => Uses.GetValueOrDefault(key) as T;
}

/// <summary>
/// A key of a consumer's entry that one technology owns, and how it reads it (strictly, located errors);
/// <c>null</c> from <see cref="Read"/> means the consumer has no such section.
/// </summary>
/// <param name="Read">Reads the section from the consumer's entry (the consumer's name for messages).</param>
public sealed record ConsumerSection(string Key, Func<Yaml.YamlMap, string, object?> Read);

/// <summary>A technology's capability: its sections of a consumer's entry in services/consumers.yaml.</summary>
public interface IConsumerSections
{
    IReadOnlyList<ConsumerSection> ConsumerSections { get; }
}

/// <summary>What a setting holds, taken from one service's endpoint.</summary>
public enum SettingValue
{
    /// <summary>The service's client URL: nats://, redis://, pulsar://.</summary>
    Url,
    /// <summary>The admin REST URL (http://) of a technology with one.</summary>
    AdminUrl,
    Host,
    Port,
    /// <summary>The service's password: printed only where one is configured.</summary>
    Password,
    /// <summary>A fixed value (<see cref="ConsumerSetting.Literal"/>).</summary>
    Literal,
}

/// <summary>One environment variable the consumer reads, and which service's value it holds.</summary>
public sealed record ConsumerSetting(string Variable, string Service, SettingValue Value, string? Literal, int Line);
