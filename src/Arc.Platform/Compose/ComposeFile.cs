using Arc.Platform.Text;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Compose;

/// <summary>
/// A docker-compose.yml read through the representation model, so every value keeps its
/// line and column. Only what `arc` needs is typed; the raw nodes stay reachable for verify rules.
/// The keys `arc` reads are checked for their node types on load (<see cref="ComposeShape"/>).
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

    public static ComposeFile Load(string path, string displayPath) =>
        Read(YamlDocumentLoader.LoadRoot(path, displayPath), path, displayPath);

    public static ComposeFile Parse(string yaml, string displayPath) =>
        Read(YamlDocumentLoader.ParseRoot(yaml, displayPath), displayPath, displayPath);

    private static ComposeFile Read(YamlNode? root, string path, string displayPath)
    {
        var map = new YamlMap(root, displayPath, "compose file");
        var servicesMap = map.RequireMap("services", "'services'");
        var services = servicesMap.Entries()
            .Select(e => new ComposeService(e.Key, new YamlMap(e.Value, displayPath, $"service '{e.Key}'"), e.KeyNode))
            .ToList();
        foreach (var service in services)
            ComposeShape.Check(service);
        return new ComposeFile(path, displayPath, map.Node, services);
    }

    public YamlNode? TopLevel(string key) => Yml.Child(Root, key);
}

/// <summary>One entry under <c>services:</c>.</summary>
public sealed class ComposeService(string name, YamlMap map, YamlNode keyNode)
{
    public string Name { get; } = name;
    /// <summary>The compose file as shown in messages, for located errors about this service.</summary>
    public string File => map.File;
    public YamlMappingNode Node => map.Node;
    public YamlNode KeyNode { get; } = keyNode;
    public int Line => Yml.Line(KeyNode);

    public YamlNode? Get(string key) => Yml.Child(map.Node, key);

    /// <summary>
    /// <c>command:</c> as an argument vector. Compose accepts a list or a shell-like string;
    /// the string form is split on whitespace with simple quoting, which is all our files use.
    /// </summary>
    public IReadOnlyList<string> Command => Words(Get("command"));

    /// <summary><c>entrypoint:</c> as an argument vector, like <see cref="Command"/>.</summary>
    public IReadOnlyList<string> Entrypoint => Words(Get("entrypoint"));

    /// <summary><c>environment:</c> in either the mapping or the KEY=VALUE list form.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, _, value) in Yml.Entries(Get("environment")))
                env[key] = Yml.Text(value) ?? "";
            foreach (var text in Yml.Items(Get("environment")).Select(Yml.Text).OfType<string>())
            {
                var eq = text.IndexOf('=');
                if (eq > 0)
                    env[text[..eq]] = text[(eq + 1)..];
            }
            return env;
        }
    }

    // Shapes were checked on load: a list holds only scalars here.
    private static IReadOnlyList<string> Words(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => [.. seq.Children.Select(c => Yml.Text(c) ?? "")],
        YamlScalarNode { Value: { } text } when !Yml.IsNull(node) => ShellWords.Split(text),
        _ => [],
    };
}
