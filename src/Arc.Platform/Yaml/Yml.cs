using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Yaml;

/// <summary>
/// The one way to navigate the YAML representation model: key lookup, positions, scalars and
/// integers. Null-tolerant — a missing key or a node of another type reads as null or empty — so
/// rules over foreign files stay short; <see cref="YamlMap"/> adds strict, located reading on top.
/// </summary>
public static class Yml
{
    public static YamlNode? Child(YamlNode? node, string key) => Entry(node, key)?.Value;

    /// <summary>The key node of <paramref name="key"/> in a mapping, or null.</summary>
    public static YamlNode? KeyNode(YamlNode? node, string key) => Entry(node, key)?.Key;

    private static KeyValuePair<YamlNode, YamlNode>? Entry(YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
            return null;
        foreach (var entry in map.Children)
            if (entry.Key is YamlScalarNode s && s.Value == key)
                return entry;
        return null;
    }

    public static YamlNode? Path(YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
            node = Child(node, key);
        return node;
    }

    /// <summary>The line of <paramref name="key"/> itself inside a mapping (a mapping value starts a line later), else the mapping's line.</summary>
    public static int KeyLine(YamlNode? mapping, string key) => Line(KeyNode(mapping, key) ?? mapping);

    public static string? Text(YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    public static int Line(YamlNode? node) => node is null ? 1 : Math.Max(1, (int)node.Start.Line);

    public static int Column(YamlNode? node) => node is null ? 1 : Math.Max(1, (int)node.Start.Column);

    /// <summary>A plain scalar spelling null (<c>~</c>, <c>null</c>, nothing); a quoted "null" is a string.</summary>
    public static bool IsNull(YamlNode? node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>A plain (unquoted) scalar; quoting in YAML says "this is a string".</summary>
    public static bool IsPlain(YamlNode? node) => node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) };

    /// <summary>A decimal integer written as text (digits with an optional sign), or null.</summary>
    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <inheritdoc cref="Int"/>
    public static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

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

    /// <summary>
    /// Every scalar key/value pair below <paramref name="node"/>, depth first, with the key's node.
    /// Bounded: the loader caps depth and alias expansion (<see cref="YamlLimits"/>).
    /// </summary>
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Walk(YamlNode? node)
    {
        // An explicit stack, not recursion: an entry is yielded before the entries below its value.
        var pending = new Stack<((string Key, YamlNode KeyNode, YamlNode Value)? Entry, YamlNode? Node)>();
        pending.Push((null, node));
        while (pending.Count > 0)
        {
            var (entry, current) = pending.Pop();
            if (entry is { } found)
            {
                yield return found;
                pending.Push((null, found.Value));
                continue;
            }
            foreach (var child in Entries(current).Reverse())
                pending.Push((child, null));
            foreach (var item in Items(current).Reverse())
                pending.Push((null, item));
        }
    }

    /// <summary>Every scalar below <paramref name="node"/> (keys excluded), in document order.</summary>
    public static IEnumerable<YamlScalarNode> Scalars(YamlNode? node)
    {
        var pending = new Stack<YamlNode>();
        if (node is not null)
            pending.Push(node);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case YamlScalarNode scalar:
                    yield return scalar;
                    break;
                case YamlSequenceNode seq:
                    for (var i = seq.Children.Count - 1; i >= 0; i--)
                        pending.Push(seq.Children[i]);
                    break;
                case YamlMappingNode map:
                    foreach (var value in map.Children.Values.Reverse())
                        pending.Push(value);
                    break;
            }
        }
    }

    public static bool IsTrue(YamlNode? node) => Text(node) is "true" or "True" or "TRUE" or "yes";
}
