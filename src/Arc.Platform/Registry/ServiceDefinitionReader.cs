using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>Parses and validates one service.yaml.</summary>
internal static class ServiceDefinitionReader
{
    private static readonly System.Text.RegularExpressions.Regex Identifier = new("^[a-z][a-z0-9-]*$");

    public static ServiceDefinition Read(string path, string displayPath)
    {
        var map = new YamlMap(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath, "service.yaml");
        var name = RequireIdentifier(map, "name");
        var codename = RequireIdentifier(map, "codename");
        var role = RequireIdentifier(map, "role");
        var tech = RequireIdentifier(map, "tech");
        var description = map.OptionalString("description") ?? "";
        var image = map.RequireString("image");
        var upstream = map.OptionalString("upstream") ?? "";
        var ports = ReadPorts(map);
        var health = ReadHealth(map, ports);
        var timeout = map.Has("timeout") ? TimeSpan.FromSeconds(map.RequireInt("timeout", 1, 3600)) : (TimeSpan?)null;
        var notes = map.StringList("notes");
        var metrics = ReadMetrics(map);
        var dependsOn = map.StringList("depends_on");
        var ha = HaSpecReader.Read(map, tech, ports);
        map.RejectUnknownKeys();
        return new ServiceDefinition(name, codename, role, tech, description, image, upstream, ports, health, metrics,
            dependsOn, System.IO.Path.GetDirectoryName(path)!, displayPath, Locations(map))
        {
            Timeout = timeout,
            Notes = notes,
            Ha = ha,
        };
    }

    private static Dictionary<string, SourceLocation> Locations(YamlMap map)
    {
        var at = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        void Add(string key, YamlDotNet.RepresentationModel.YamlNode node) => at[key] = new SourceLocation(map.File, Yml.Line(node), Yml.Column(node));
        foreach (var (key, keyNode, value) in map.Entries())
        {
            Add(key, keyNode);
            foreach (var (sub, subNode, _) in Yml.Entries(value))
                Add($"{key}.{sub}", subNode);
            var items = Yml.Items(value);
            for (var i = 0; i < items.Count; i++)
                Add($"{key}[{i}]", items[i]);
        }
        return at;
    }

    private static string RequireIdentifier(YamlMap map, string key)
    {
        var value = map.RequireString(key);
        if (!Identifier.IsMatch(value))
            throw map.Error(map.Get(key), $"'{key}' must be lower-case letters, digits and '-', got '{value}'");
        return value;
    }

    /// <summary>
    /// <c>ports:</c> as named ports (<c>client: 4222</c>, or <c>{host, container}</c> where they differ),
    /// or as the platform's plain list of numbers (each named by its number), or <c>port:</c> as one port.
    /// </summary>
    private static List<PortBinding> ReadPorts(YamlMap map)
    {
        if (map.Has("port") && map.Has("ports"))
            throw map.Error(map.KeyNode("port"), "declare either 'port' (one port) or 'ports', not both");
        if (map.Has("port"))
        {
            var single = map.RequireInt("port", 1, 65535);
            return [new PortBinding("port", single, single)];
        }
        var node = map.Get("ports") ?? throw map.Error(map.Node, "missing required key 'ports' (or 'port')");
        var ports = node is YamlDotNet.RepresentationModel.YamlSequenceNode list ? ListedPorts(map, list) : NamedPorts(map);
        if (ports.Count == 0)
            throw map.Error(node, "'ports' must declare at least one port");
        return ports;
    }

    private static List<PortBinding> ListedPorts(YamlMap map, YamlDotNet.RepresentationModel.YamlSequenceNode list)
    {
        var ports = new List<PortBinding>();
        foreach (var item in list.Children)
        {
            var port = map.AsInt(item, "ports entry", 1, 65535);
            if (ports.Any(p => p.Host == port))
                throw map.Error(item, $"port {port} is listed twice");
            ports.Add(new PortBinding(port.ToString(System.Globalization.CultureInfo.InvariantCulture), port, port));
        }
        return ports;
    }

    private static List<PortBinding> NamedPorts(YamlMap map)
    {
        var portsMap = map.RequireMap("ports", "'ports'");
        var ports = new List<PortBinding>();
        foreach (var (key, _, value) in portsMap.Entries())
        {
            if (value is YamlDotNet.RepresentationModel.YamlMappingNode)
            {
                var pair = new YamlMap(value, map.File, $"port '{key}'");
                var host = pair.RequireInt("host", 1, 65535);
                var container = pair.RequireInt("container", 1, 65535);
                pair.RejectUnknownKeys();
                ports.Add(new PortBinding(key, host, container));
            }
            else
            {
                var port = portsMap.AsInt(value, $"ports.{key}", 1, 65535);
                ports.Add(new PortBinding(key, port, port));
            }
        }
        return ports;
    }

    /// <summary><c>health:</c> as one line, as the platform's own tools read it (see <see cref="HealthLine"/>).</summary>
    private static HealthSpec ReadHealth(YamlMap map, List<PortBinding> ports)
    {
        var node = map.Get("health");
        var line = map.RequireString("health");
        var (spec, error) = HealthLine.Parse(line, ports);
        return spec ?? throw map.Error(node, error);
    }

    private static MetricsSpec? ReadMetrics(YamlMap map)
    {
        var metrics = map.OptionalMap("metrics", "'metrics'");
        if (metrics is null)
            return null;
        var service = metrics.RequireString("service");
        var port = metrics.RequireInt("port", 1, 65535);
        var path = metrics.OptionalString("path") ?? "/metrics";
        var exporter = metrics.OptionalString("exporter");
        metrics.RejectUnknownKeys();
        return new MetricsSpec(service, port, path, exporter, metrics.Line);
    }
}
