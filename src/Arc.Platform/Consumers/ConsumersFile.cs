using System.Text.RegularExpressions;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Consumers;

/// <summary>
/// Reads services/consumers.yaml strictly: unknown keys, wrong types and malformed values are
/// <see cref="ConfigException"/>s located at the offending node. The keys a technology owns are read by the
/// sections it registers (<see cref="IConsumerSections"/>), so a key no registered technology reads is unknown.
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

    public static IReadOnlyList<Consumer> Load(string path, IReadOnlyList<ConsumerSection> sections, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath, sections);

    public static IReadOnlyList<Consumer> Parse(string yaml, IReadOnlyList<ConsumerSection> sections, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.ParseRoot(yaml, displayPath), displayPath, sections);

    /// <summary>The consumers under <paramref name="root"/>; none when the file does not exist.</summary>
    public static IReadOnlyList<Consumer> LoadUnder(string root, IReadOnlyList<ConsumerSection> sections) =>
        File.Exists(PathUnder(root)) ? Load(PathUnder(root), sections) : [];

    private static List<Consumer> Read(YamlNode? root, string file, IReadOnlyList<ConsumerSection> sections)
    {
        var top = new YamlMap(root, file, "consumers.yaml");
        var consumers = top.RequireMap("consumers", "'consumers'");
        top.RejectUnknownKeys();
        return [.. consumers.Entries().Select(e => ReadConsumer(e.Key, new YamlMap(e.Value, file, $"consumer '{e.Key}'"), e.KeyNode, sections))];
    }

    private static Consumer ReadConsumer(string name, YamlMap map, YamlNode keyNode, IReadOnlyList<ConsumerSection> sections)
    {
        var source = map.RequireString("source");
        var settings = map.OptionalMap("settings", $"{name}'s 'settings'") is { } declared ? ReadSettings(declared) : [];
        var uses = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var section in sections)
            if (section.Read(map, name) is { } use)
                uses[section.Key] = use;
        map.RejectUnknownKeys();
        return new Consumer(name, source, settings, uses, Yml.Line(keyNode));
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

    /// <summary>The strings under <paramref name="key"/>, each refused where it is written when <paramref name="problem"/> names one.</summary>
    public static IReadOnlyList<string> Checked(YamlMap map, string key, Func<string, string?> problem)
    {
        var items = map.StringList(key);
        if (map.Get(key) is YamlSequenceNode list)
            foreach (var item in list.Children)
                if (problem(Yml.Text(item) ?? "") is { } reason)
                    throw map.Error(item, reason);
        return items;
    }

    /// <summary>The mappings of an optional list under <paramref name="key"/>.</summary>
    public static IEnumerable<YamlMap> Items(YamlMap map, string key)
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
