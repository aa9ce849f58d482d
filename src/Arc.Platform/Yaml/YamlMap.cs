using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Yaml;

/// <summary>
/// Strict, located reading of one YAML mapping: typed getters, and a final check that
/// no key was left unread, so a typo is reported instead of silently ignored.
/// </summary>
public sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlNode? node, string file, string what)
    {
        File = file;
        if (node is not YamlMappingNode mapping)
            throw Error(node, $"{what} must be a mapping");
        _node = mapping;
    }

    public string File { get; }
    public YamlMappingNode Node => _node;
    public int Line => (int)_node.Start.Line;
    public int Column => (int)_node.Start.Column;

    public static int LineOf(YamlNode? node) => node is null ? 1 : Math.Max(1, (int)node.Start.Line);
    public static int ColumnOf(YamlNode? node) => node is null ? 1 : Math.Max(1, (int)node.Start.Column);

    public ConfigException Error(YamlNode? node, string reason) => new(File, LineOf(node), ColumnOf(node), reason);

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return v;
        return null;
    }

    public YamlNode? KeyNode(string key)
    {
        foreach (var (k, _) in _node.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return k;
        return null;
    }

    public bool Has(string key) => KeyNode(key) is not null;

    public string RequireString(string key) =>
        OptionalString(key) ?? throw Error(_node, $"missing required key '{key}'");

    public string? OptionalString(string key)
    {
        var value = Get(key);
        if (value is null || IsNull(value))
            return null;
        if (value is not YamlScalarNode scalar || scalar.Value is null)
            throw Error(value, $"'{key}' must be a string");
        if (scalar.Value.Length == 0)
            throw Error(value, $"'{key}' must not be empty");
        return scalar.Value;
    }

    public int RequireInt(string key, int min, int max)
    {
        var value = Get(key) ?? throw Error(_node, $"missing required key '{key}'");
        return AsInt(value, key, min, max);
    }

    public int AsInt(YamlNode value, string what, int min, int max)
    {
        if (value is not YamlScalarNode scalar || scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            || !int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw Error(value, $"'{what}' must be an integer");
        if (number < min || number > max)
            throw Error(value, $"'{what}' must be between {min} and {max}, got {number}");
        return number;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var value = Get(key);
        if (value is null || IsNull(value))
            return [];
        if (value is not YamlSequenceNode seq)
            throw Error(value, $"'{key}' must be a list of strings");
        var items = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s || string.IsNullOrEmpty(s.Value) || IsNull(item))
                throw Error(item, $"'{key}' entries must be non-empty strings");
            items.Add(s.Value);
        }
        return items;
    }

    public YamlMap? OptionalMap(string key, string what)
    {
        var value = Get(key);
        return value is null || IsNull(value) ? null : new YamlMap(value, File, what);
    }

    public YamlMap RequireMap(string key, string what) =>
        OptionalMap(key, what) ?? throw Error(_node, $"missing required key '{key}'");

    /// <summary>Reports the first key nobody asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            if (k is not YamlScalarNode s || s.Value is null)
                throw Error(k, "keys must be plain strings");
            if (!_read.Contains(s.Value))
                throw Error(k, $"unknown key '{s.Value}'");
        }
    }

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (k, v) in _node.Children)
        {
            if (k is not YamlScalarNode s || string.IsNullOrEmpty(s.Value))
                throw Error(k, "keys must be non-empty strings");
            _read.Add(s.Value);
            yield return (s.Value, k, v);
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && (s.Value is "" or "~" or "null" or "Null" or "NULL" || s.Value is null);
}
