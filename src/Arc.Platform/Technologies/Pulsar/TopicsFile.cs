using System.Text.RegularExpressions;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Reads services/streaming/topics.yaml strictly: unknown keys, wrong types, names Pulsar would
/// refuse, duplicates and references to undeclared tenants or namespaces are
/// <see cref="ConfigException"/>s located at the offending value.
/// </summary>
public static partial class TopicsFile
{
    public const string RelativePath = "services/streaming/topics.yaml";
    private const string Persistent = "persistent://";

    public static string PathUnder(string root) => Path.Combine(root, RelativePath);

    public static PulsarResources Load(string path, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath);

    public static PulsarResources Parse(string yaml, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.ParseRoot(yaml, displayPath), displayPath);

    private static PulsarResources Read(YamlNode? root, string file)
    {
        var top = new YamlMap(root, file, "topics.yaml");
        var tenants = ReadTenants(top);
        var namespaces = ReadNamespaces(top, tenants);
        var topics = ReadTopics(top, namespaces);
        top.RejectUnknownKeys();
        return new PulsarResources(tenants, namespaces, topics);
    }

    private static List<PulsarTenant> ReadTenants(YamlMap top)
    {
        var tenants = new List<PulsarTenant>();
        foreach (var item in Items(top, "tenants"))
        {
            var map = new YamlMap(item, top.File, "each entry of 'tenants'");
            var name = Name(map, map.Get("name"), "tenant name");
            var clusters = map.StringList("allowed_clusters");
            if (clusters.Count == 0)
                throw map.Error(map.Get("allowed_clusters") ?? item, $"tenant '{name}' needs a non-empty 'allowed_clusters' list (Pulsar answers 412 without one)");
            map.RejectUnknownKeys();
            if (tenants.Any(t => t.Name == name))
                throw map.Error(item, $"tenant '{name}' is declared twice");
            tenants.Add(new PulsarTenant(name, clusters, Yml.Line(item)));
        }
        return tenants;
    }

    private static List<PulsarNamespace> ReadNamespaces(YamlMap top, List<PulsarTenant> tenants)
    {
        var namespaces = new List<PulsarNamespace>();
        foreach (var item in Items(top, "namespaces"))
        {
            var parts = Text(top, item, "each entry of 'namespaces'").Split('/');
            if (parts.Length != 2)
                throw top.Error(item, $"namespace '{Text(top, item, "")}' must be written tenant/namespace");
            var tenant = CheckName(top, item, parts[0], "tenant name");
            var name = CheckName(top, item, parts[1], "namespace name");
            if (tenants.All(t => t.Name != tenant))
                throw top.Error(item, $"namespace '{tenant}/{name}' belongs to tenant '{tenant}', which 'tenants' does not declare");
            if (namespaces.Any(n => n.Tenant == tenant && n.Name == name))
                throw top.Error(item, $"namespace '{tenant}/{name}' is declared twice");
            namespaces.Add(new PulsarNamespace(tenant, name, Yml.Line(item)));
        }
        return namespaces;
    }

    private static List<PulsarPartitionedTopic> ReadTopics(YamlMap top, List<PulsarNamespace> namespaces)
    {
        var topics = new List<PulsarPartitionedTopic>();
        foreach (var item in Items(top, "partitioned_topics"))
        {
            var map = new YamlMap(item, top.File, "each entry of 'partitioned_topics'");
            var topicNode = map.Get("topic");
            var text = map.RequireString("topic");
            var parts = text.StartsWith(Persistent, StringComparison.Ordinal) ? text[Persistent.Length..].Split('/') : [];
            if (parts.Length != 3)
                throw map.Error(topicNode, $"topic '{text}' must be written persistent://tenant/namespace/name");
            var partitions = map.RequireInt("partitions", 1, 10_000);
            map.RejectUnknownKeys();
            var topic = new PulsarPartitionedTopic(
                CheckName(map, topicNode!, parts[0], "tenant name"),
                CheckName(map, topicNode!, parts[1], "namespace name"),
                CheckName(map, topicNode!, parts[2], "topic name"),
                partitions, Yml.Line(item));
            if (namespaces.All(n => n.Path != topic.NamespacePath))
                throw map.Error(topicNode, $"topic '{text}' is in namespace '{topic.NamespacePath}', which 'namespaces' does not declare");
            if (topics.Any(t => t.Topic == topic.Topic))
                throw map.Error(topicNode, $"topic '{text}' is declared twice");
            topics.Add(topic);
        }
        return topics;
    }

    private static IReadOnlyList<YamlNode> Items(YamlMap top, string key)
    {
        var value = top.Get(key);
        if (value is null || Yml.IsNull(value))
            return [];
        return value is YamlSequenceNode sequence
            ? [.. sequence.Children]
            : throw top.Error(value, $"'{key}' must be a list");
    }

    private static string Text(YamlMap map, YamlNode node, string what) =>
        node is YamlScalarNode { Value.Length: > 0 } scalar && !Yml.IsNull(node)
            ? scalar.Value
            : throw map.Error(node, $"{what} must be a non-empty string");

    private static string Name(YamlMap map, YamlNode? node, string what) =>
        node is null ? throw map.Error(map.Node, "missing required key 'name'") : CheckName(map, node, Text(map, node, what), what);

    private static string CheckName(YamlMap map, YamlNode node, string name, string what) =>
        PulsarName.Problem(name, what) is { } problem ? throw map.Error(node, problem) : name;
}
