using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Compose;

/// <summary>
/// A docker-compose.yml read through the representation model, so every value keeps its
/// line and column. Only what `arc` needs is typed; the raw nodes stay reachable for verify rules.
/// </summary>
public sealed class ComposeFile
{
    private ComposeFile(string path, string displayPath, YamlMappingNode root, IReadOnlyList<ComposeService> services)
    {
        Path = path;
        DisplayPath = displayPath;
        Root = root;
        Services = services;
    }

    public string Path { get; }
    public string DisplayPath { get; }
    public YamlMappingNode Root { get; }
    public IReadOnlyList<ComposeService> Services { get; }

    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    public static ComposeFile Load(string path, string displayPath)
    {
        var map = new YamlMap(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath, "compose file");
        var servicesMap = map.RequireMap("services", "'services'");
        var services = servicesMap.Entries()
            .Select(e => new ComposeService(e.Key, new YamlMap(e.Value, displayPath, $"service '{e.Key}'"), e.KeyNode))
            .ToList();
        return new ComposeFile(path, displayPath, map.Node, services);
    }

    public YamlNode? TopLevel(string key) => Child(Root, key);

    internal static YamlNode? Child(YamlMappingNode node, string key)
    {
        foreach (var (k, v) in node.Children)
            if (k is YamlScalarNode s && s.Value == key)
                return v;
        return null;
    }
}

/// <summary>One entry under <c>services:</c>.</summary>
public sealed class ComposeService(string name, YamlMap map, YamlNode keyNode)
{
    public string Name { get; } = name;
    /// <summary>The compose file as shown in messages, for located errors about this service.</summary>
    public string File => map.File;
    public YamlMappingNode Node => map.Node;
    public YamlNode KeyNode { get; } = keyNode;
    public int Line => YamlMap.LineOf(KeyNode);

    public YamlNode? Get(string key) => ComposeFile.Child(map.Node, key);

    /// <summary>
    /// <c>command:</c> as an argument vector. Compose accepts a list or a shell-like string;
    /// the string form is split on whitespace with simple quoting, which is all our files use.
    /// </summary>
    public IReadOnlyList<string> Command => Get("command") switch
    {
        YamlSequenceNode seq => [.. seq.Children.Select(c => ((YamlScalarNode)c).Value ?? "")],
        YamlScalarNode { Value: { } text } => SplitShellWords(text),
        _ => [],
    };

    /// <summary><c>environment:</c> in either the mapping or the KEY=VALUE list form.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (Get("environment"))
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                        env[((YamlScalarNode)k).Value ?? ""] = (v as YamlScalarNode)?.Value ?? "";
                    break;
                case YamlSequenceNode seq:
                    foreach (var item in seq.Children.OfType<YamlScalarNode>())
                    {
                        var text = item.Value ?? "";
                        var eq = text.IndexOf('=');
                        if (eq > 0)
                            env[text[..eq]] = text[(eq + 1)..];
                    }
                    break;
            }
            return env;
        }
    }

    public static IReadOnlyList<string> SplitShellWords(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        return words;
    }
}
