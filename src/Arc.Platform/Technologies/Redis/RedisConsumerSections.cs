using Arc.Platform.Consumers;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Redis use: documentation the tests replay.</summary>
public sealed record RedisUse(string KeyPrefix, int TtlSeconds);

/// <summary>A consumer's <c>redis:</c> section: its key prefix and their time to live.</summary>
public sealed partial class RedisTechnology : IConsumerSections
{
    public IReadOnlyList<ConsumerSection> ConsumerSections { get; } = [new(RedisConsumer.Key, RedisConsumer.Read)];
}

public static class RedisConsumer
{
    internal const string Key = "redis";

    extension(Consumer consumer)
    {
        public RedisUse? Redis => consumer.Use<RedisUse>(Key);
    }

    internal static object? Read(YamlMap consumer, string name)
    {
        if (consumer.OptionalMap(Key, $"{name}'s '{Key}'") is not { } map)
            return null;
        var use = new RedisUse(map.RequireString("key_prefix"), map.RequireInt("ttl_seconds", 1, int.MaxValue));
        map.RejectUnknownKeys();
        return use;
    }
}
