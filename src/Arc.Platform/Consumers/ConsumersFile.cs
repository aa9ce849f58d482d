using System.Text.RegularExpressions;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Consumers;

/// <summary>
/// Reads services/consumers.yaml strictly: unknown keys, wrong types and malformed values are
/// <see cref="ConfigException"/>s located at the offending node.
/// </summary>
public static partial class ConsumersFile
{
    public const string RelativePath = "services/consumers.yaml";

    private static readonly Dictionary<string, SettingValue> Values = new(StringComparer.Ordinal)
    {
        ["url"] = SettingValue.Url,
        ["admin_url"] = SettingValue.AdminUrl,
        ["host"] = SettingValue.Host,
        ["port"] = SettingValue.Port,
        ["password"] = SettingValue.Password,
        ["literal"] = SettingValue.Literal,
    };

    public static string PathUnder(string root) => Path.Combine(root, RelativePath);

    public static IReadOnlyList<Consumer> Load(string path, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath);

    public static IReadOnlyList<Consumer> Parse(string yaml, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.ParseRoot(yaml, displayPath), displayPath);

    /// <summary>The consumers under <paramref name="root"/>; none when the file does not exist.</summary>
    public static IReadOnlyList<Consumer> LoadUnder(string root) =>
        File.Exists(PathUnder(root)) ? Load(PathUnder(root)) : [];

    private static List<Consumer> Read(YamlNode? root, string file)
    {
        var top = new YamlMap(root, file, "consumers.yaml");
        var consumers = top.RequireMap("consumers", "'consumers'");
        top.RejectUnknownKeys();
        return [.. consumers.Entries().Select(e => ReadConsumer(e.Key, new YamlMap(e.Value, file, $"consumer '{e.Key}'"), e.KeyNode))];
    }

    private static Consumer ReadConsumer(string name, YamlMap map, YamlNode keyNode)
    {
        var consumer = new Consumer(
            name,
            map.RequireString("source"),
            Items(map, "streams").Select(ReadStream).ToList(),
            map.OptionalMap("pulsar", $"{name}'s 'pulsar'") is { } pulsar ? ReadPulsar(pulsar) : null,
            map.OptionalMap("settings", $"{name}'s 'settings'") is { } settings ? ReadSettings(settings) : [],
            map.OptionalMap("nats", $"{name}'s 'nats'") is { } nats ? ReadNats(nats) : null,
            map.OptionalMap("redis", $"{name}'s 'redis'") is { } redis ? ReadRedis(redis) : null,
            Yml.Line(keyNode));
        map.RejectUnknownKeys();
        var twice = consumer.Streams.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ConfigException(map.File, twice.Last().Line, 1, $"{name} declares stream '{twice.Key}' twice");
        return consumer;
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

    private static PulsarNeeds ReadPulsar(YamlMap map)
    {
        var needs = new PulsarNeeds(
            Checked(map, "tenants", tenant => PulsarName.Problem(tenant, "tenant name")),
            Checked(map, "namespaces", PulsarName.NamespaceProblem),
            Items(map, "partitioned_topics").Select(ReadTopic).ToList(),
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

    private static List<ConsumerSetting> ReadSettings(YamlMap map) =>
        [.. map.Entries().Select(e => ReadSetting(e.Key, e.KeyNode, new YamlMap(e.Value, map.File, $"setting '{e.Key}'")))];

    private static ConsumerSetting ReadSetting(string variable, YamlNode keyNode, YamlMap map)
    {
        if (!VariableName().IsMatch(variable))
            throw map.Error(keyNode, $"'{variable}' is not an environment variable name (A-Z, 0-9, '_')");
        var service = map.RequireString("service");
        var valueText = map.RequireString("value");
        if (!Values.TryGetValue(valueText, out var value))
            throw map.Error(map.Get("value"), $"'value' must be one of {string.Join(", ", Values.Keys)}, got '{valueText}'");
        var literal = map.OptionalString("literal");
        if (value == SettingValue.Literal && literal is null)
            throw map.Error(map.Node, $"{variable}: value literal needs 'literal: ...'");
        if (value != SettingValue.Literal && literal is not null)
            throw map.Error(map.Get("literal"), $"{variable}: 'literal' goes only with value: literal");
        map.RejectUnknownKeys();
        return new ConsumerSetting(variable, service, value, literal, Yml.Line(keyNode));
    }

    private static NatsUse ReadNats(YamlMap map)
    {
        var use = new NatsUse(StreamsFile.Subjects(map, "subjects"), map.OptionalString("queue_group"));
        map.RejectUnknownKeys();
        return use;
    }

    private static RedisUse ReadRedis(YamlMap map)
    {
        var use = new RedisUse(map.RequireString("key_prefix"), map.RequireInt("ttl_seconds", 1, int.MaxValue));
        map.RejectUnknownKeys();
        return use;
    }

    /// <summary>The strings under <paramref name="key"/>, each refused where it is written when <paramref name="problem"/> names one.</summary>
    private static IReadOnlyList<string> Checked(YamlMap map, string key, Func<string, string?> problem)
    {
        var items = map.StringList(key);
        if (map.Get(key) is YamlSequenceNode list)
            foreach (var item in list.Children)
                if (problem(Yml.Text(item) ?? "") is { } reason)
                    throw map.Error(item, reason);
        return items;
    }

    /// <summary>The mappings of an optional list under <paramref name="key"/>.</summary>
    private static IEnumerable<YamlMap> Items(YamlMap map, string key)
    {
        var node = map.Get(key);
        if (node is null || Yml.IsNull(node))
            return [];
        if (node is not YamlSequenceNode list)
            throw map.Error(node, $"'{key}' must be a list");
        return list.Children.Select(item => new YamlMap(item, map.File, $"each entry of '{key}'"));
    }

    [GeneratedRegex("^[A-Z_][A-Z0-9_]*$")]
    private static partial Regex VariableName();
}
