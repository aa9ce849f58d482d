using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Files;

/// <summary>Null-tolerant navigation of the YAML representation model, for rules that inspect foreign files.</summary>
public static class Yml
{
    public static YamlNode? Child(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
            return null;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return v;
        return null;
    }

    public static YamlNode? Path(YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
            node = Child(node, key);
        return node;
    }

    /// <summary>The line of <paramref name="key"/> itself inside a mapping (a mapping value starts a line later), else the mapping's line.</summary>
    public static int KeyLine(YamlNode? mapping, string key)
    {
        foreach (var (name, keyNode, _) in Entries(mapping))
            if (name == key)
                return Line(keyNode);
        return Line(mapping);
    }

    public static string? Text(YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    public static int Line(YamlNode? node) => node is null ? 1 : Math.Max(1, (int)node.Start.Line);

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlNode? node)
    {
        if (node is not YamlMappingNode map)
            yield break;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode { Value: { } key })
                yield return (key, k, v);
    }

    public static IReadOnlyList<YamlNode> Items(YamlNode? node) => node is YamlSequenceNode seq ? [.. seq.Children] : [];

    /// <summary>A list of scalars, or a single scalar treated as a one-element list (as GitHub Actions and Compose allow).</summary>
    public static IReadOnlyList<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => [.. seq.Children.Select(Text).OfType<string>()],
        YamlScalarNode { Value: { Length: > 0 } v } => [v],
        _ => [],
    };

    /// <summary>Names of a Compose-style list-or-mapping (networks, volumes): keys of a mapping or items of a list.</summary>
    public static IReadOnlyList<string> Names(YamlNode? node) => node switch
    {
        YamlMappingNode map => [.. Entries(map).Select(e => e.Key)],
        _ => Strings(node),
    };

    /// <summary>Every scalar key/value pair below <paramref name="node"/>, depth first, with the key's node.</summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Walk(YamlNode? node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var entry in Entries(map))
                {
                    yield return entry;
                    foreach (var inner in Walk(entry.Value))
                        yield return inner;
                }
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                    foreach (var inner in Walk(item))
                        yield return inner;
                break;
        }
    }

    public static bool IsTrue(YamlNode? node) => Text(node) is "true" or "True" or "TRUE" or "yes";
}
