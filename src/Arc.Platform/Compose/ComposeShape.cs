using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Compose;

/// <summary>
/// The node types Compose allows for the keys `arc` reads, checked once when a compose file loads,
/// so a list where a string belongs (or a mapping as an environment key) is a located
/// <see cref="ConfigException"/> instead of a cast failure wherever the value is used.
/// </summary>
internal static class ComposeShape
{
    private enum Shape { Text, Words, TextMap, ListOrMap, List, Map, TextOrMap }

    private static readonly Dictionary<string, Shape> ServiceKeys = new(StringComparer.Ordinal)
    {
        ["image"] = Shape.Text,
        ["container_name"] = Shape.Text,
        ["user"] = Shape.Text,
        ["restart"] = Shape.Text,
        ["command"] = Shape.Words,
        ["entrypoint"] = Shape.Words,
        ["environment"] = Shape.TextMap,
        ["labels"] = Shape.TextMap,
        ["env_file"] = Shape.Words,
        ["expose"] = Shape.Words,
        ["ports"] = Shape.List,
        ["volumes"] = Shape.List,
        ["networks"] = Shape.ListOrMap,
        ["depends_on"] = Shape.ListOrMap,
        ["healthcheck"] = Shape.Map,
        ["build"] = Shape.TextOrMap,
    };

    private static readonly Dictionary<string, Shape> HealthcheckKeys = new(StringComparer.Ordinal)
    {
        ["test"] = Shape.Words,
        ["interval"] = Shape.Text,
        ["timeout"] = Shape.Text,
        ["retries"] = Shape.Text,
        ["start_period"] = Shape.Text,
    };

    private static readonly Dictionary<string, Shape> BuildKeys = new(StringComparer.Ordinal)
    {
        ["context"] = Shape.Text,
        ["dockerfile"] = Shape.Text,
        ["args"] = Shape.TextMap,
    };

    public static void Check(ComposeService service)
    {
        Check(service.File, service.Node, ServiceKeys, $"service '{service.Name}'");
        Check(service.File, service.Get("healthcheck"), HealthcheckKeys, $"service '{service.Name}' healthcheck");
        Check(service.File, service.Get("build"), BuildKeys, $"service '{service.Name}' build");
    }

    private static void Check(string file, YamlNode? node, Dictionary<string, Shape> shapes, string owner)
    {
        if (node is not YamlMappingNode map)
            return;
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value.Length: > 0 } name)
                throw Error(file, key, $"{owner} has a key that is not a string");
            if (shapes.TryGetValue(name.Value!, out var shape) && !Yml.IsNull(value) && Problem(shape, value) is { } problem)
                throw Error(file, problem.Node, $"{owner} '{name.Value}' {problem.Reason}");
        }
    }

    private static (YamlNode Node, string Reason)? Problem(Shape shape, YamlNode value) => shape switch
    {
        Shape.Text => value is YamlScalarNode ? null : (value, "must be a single value"),
        Shape.Words => value switch
        {
            YamlScalarNode => null,
            YamlSequenceNode seq => NonScalarItem(seq, "must be a list of strings"),
            _ => (value, "must be a string or a list of strings"),
        },
        Shape.TextMap => value switch
        {
            YamlSequenceNode seq => NonScalarItem(seq, "entries must be KEY=VALUE strings"),
            YamlMappingNode map => map.Children
                .Select(e => e.Key is not YamlScalarNode { Value.Length: > 0 } ? (e.Key, "keys must be strings")
                    : e.Value is not YamlScalarNode ? (e.Value, "values must be single values")
                    : ((YamlNode, string)?)null)
                .FirstOrDefault(p => p is not null),
            _ => (value, "must be a mapping or a list of KEY=VALUE strings"),
        },
        Shape.List => value is YamlSequenceNode seq
            ? seq.Children.Where(c => c is YamlSequenceNode).Select(c => ((YamlNode, string)?)(c, "entries must be strings or mappings")).FirstOrDefault()
            : (value, "must be a list"),
        Shape.ListOrMap => value is YamlSequenceNode seq ? NonScalarItem(seq, "must be a list of names")
            : value is YamlMappingNode ? null : (value, "must be a list or a mapping"),
        Shape.Map => value is YamlMappingNode ? null : (value, "must be a mapping"),
        Shape.TextOrMap => value is YamlScalarNode or YamlMappingNode ? null : (value, "must be a path or a mapping"),
        _ => null,
    };

    private static (YamlNode Node, string Reason)? NonScalarItem(YamlSequenceNode seq, string reason) =>
        seq.Children.FirstOrDefault(c => c is not YamlScalarNode) is { } bad ? (bad, reason) : null;

    private static ConfigException Error(string file, YamlNode node, string reason) => new(file, Yml.Line(node), Yml.Column(node), reason);
}
