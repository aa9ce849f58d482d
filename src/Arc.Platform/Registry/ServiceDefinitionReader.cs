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
        var description = map.RequireString("description");
        var image = map.RequireString("image");
        var upstream = map.RequireString("upstream");
        var ports = ReadPorts(map);
        var health = ReadHealth(map, ports);
        var metrics = ReadMetrics(map);
        var dependsOn = map.StringList("depends_on");
        map.RejectUnknownKeys();
        return new ServiceDefinition(name, codename, role, tech, description, image, upstream, ports, health, metrics,
            dependsOn, System.IO.Path.GetDirectoryName(path)!, displayPath, Locations(map));
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

    private static List<PortBinding> ReadPorts(YamlMap map)
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
        if (ports.Count == 0)
            throw map.Error(portsMap.Node, "'ports' must declare at least one port");
        return ports;
    }

    private static HealthSpec ReadHealth(YamlMap map, List<PortBinding> ports)
    {
        var health = map.RequireMap("health", "'health'");
        var port = health.RequireString("port");
        if (ports.All(p => p.Name != port))
            throw health.Error(health.Get("port"), $"health port '{port}' is not one of the declared ports ({string.Join(", ", ports.Select(p => p.Name))})");
        var path = health.OptionalString("path");
        if (path is not null && !path.StartsWith('/'))
            throw health.Error(health.Get("path"), "health path must start with '/'");
        health.RejectUnknownKeys();
        return new HealthSpec(port, path);
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
