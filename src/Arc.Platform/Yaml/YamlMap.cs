using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Yaml;

/// <summary>
/// Strict, located reading of one YAML mapping: typed getters, and a final check that
/// no key was left unread, so a typo is reported instead of silently ignored. Navigation
/// itself is <see cref="Yml"/>'s.
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
    public int Line => Yml.Line(_node);
    public int Column => Yml.Column(_node);

    public ConfigException Error(YamlNode? node, string reason) => new(File, Yml.Line(node), Yml.Column(node), reason);

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        return Yml.Child(_node, key);
    }

    public YamlNode? KeyNode(string key) => Yml.KeyNode(_node, key);

    public bool Has(string key) => KeyNode(key) is not null;

    public string RequireString(string key) =>
        OptionalString(key) ?? throw Error(_node, $"missing required key '{key}'");

    public string? OptionalString(string key)
    {
        var value = Get(key);
        if (value is null || Yml.IsNull(value))
            return null;
        if (value is not YamlScalarNode scalar || scalar.Value is null)
            throw Error(value, $"'{key}' must be a string");
        if (scalar.Value.Length == 0)
            throw Error(value, $"'{key}' must not be empty");
        return scalar.Value;
    }

    /// <summary>A single non-empty value under <paramref name="key"/>, or null when absent; a list or mapping is an error.</summary>
    public YamlScalarNode? OptionalScalar(string key)
    {
        var node = Get(key);
        if (node is null || Yml.IsNull(node))
            return null;
        if (node is not YamlScalarNode { Value.Length: > 0 } scalar)
            throw Error(node, $"'{key}' must be a single value");
        return scalar;
    }

    public int RequireInt(string key, int min, int max)
    {
        var value = Get(key) ?? throw Error(_node, $"missing required key '{key}'");
        return AsInt(value, key, min, max);
    }

    public int AsInt(YamlNode value, string what, int min, int max) => (int)AsLong(value, what, min, max);

    /// <summary>A plain integer scalar within [<paramref name="min"/>, <paramref name="max"/>]; a quoted number is a string.</summary>
    public long AsLong(YamlNode value, string what, long min, long max)
    {
        if (!Yml.IsPlain(value) || Yml.Long(Yml.Text(value)) is not { } number)
            throw Error(value, $"'{what}' must be an integer, got '{Describe(value)}'");
        if (number < min || number > max)
            throw Error(value, $"'{what}' must be between {min} and {max}, got {number}");
        return number;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var value = Get(key);
        if (value is null || Yml.IsNull(value))
            return [];
        if (value is not YamlSequenceNode seq)
            throw Error(value, $"'{key}' must be a list of strings");
        var items = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode s || string.IsNullOrEmpty(s.Value) || Yml.IsNull(item))
                throw Error(item, $"'{key}' entries must be non-empty strings");
            items.Add(s.Value);
        }
        return items;
    }

    public YamlMap? OptionalMap(string key, string what)
    {
        var value = Get(key);
        return value is null || Yml.IsNull(value) ? null : new YamlMap(value, File, what);
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

    /// <summary>What a value is, for messages: its text when a scalar (cut short), else its kind.</summary>
    public static string Describe(YamlNode value) => value switch
    {
        YamlScalarNode { Value: { } text } => text.Length > 40 ? text[..40] + "…" : text,
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "nothing",
    };
}
