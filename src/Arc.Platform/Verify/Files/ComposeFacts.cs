using Arc.Platform.Yaml;
using System.Globalization;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Text;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Verify.Files;

/// <summary>A port published to the host; <see cref="HostIp"/> is null when it binds every interface.</summary>
public sealed record PublishedPort(string? HostIp, int? Host, int? Container, int Line, string Text);

/// <summary>A volume attachment; <see cref="IsBind"/> when the source is a host path rather than a named volume.</summary>
public sealed record VolumeMount(string? Source, string Target, bool IsBind, bool ReadOnly, int Line, string Text);

/// <summary>Compose facts the rules share, read from the located nodes of <see cref="ComposeFile"/>.</summary>
public static class ComposeFacts
{
    /// <summary>The compose service that runs <paramref name="service"/>: keyed by its name, or with that container_name.</summary>
    public static ComposeService? MainService(ComposeFile compose, ServiceDefinition service) =>
        compose.Service(service.Name) ?? compose.Services.FirstOrDefault(s => ContainerName(s) == service.Name);

    public static string? ContainerName(ComposeService service) => Yml.Text(service.Get("container_name"));

    public static IReadOnlyList<string> Networks(ComposeService service) => Yml.Names(service.Get("networks"));

    public static IEnumerable<PublishedPort> Ports(ComposeService service)
    {
        foreach (var item in Yml.Items(service.Get("ports")))
        {
            if (item is YamlMappingNode)
            {
                yield return new PublishedPort(Yml.Text(Yml.Child(item, "host_ip")), Yml.Int(Yml.Text(Yml.Child(item, "published"))),
                    Yml.Int(Yml.Text(Yml.Child(item, "target"))), Yml.Line(item), "long-syntax port");
                continue;
            }
            var text = Yml.Text(item) ?? "";
            var spec = text.Split('/')[0];
            string? ip = null;
            if (spec.StartsWith('['))
            {
                var close = spec.IndexOf(']');
                ip = spec[1..Math.Max(1, close)];
                spec = close + 2 <= spec.Length ? spec[(close + 2)..] : "";
            }
            var parts = spec.Split(':');
            if (parts.Length == 3)
                ip = parts[0];
            var host = parts.Length >= 2 ? Yml.Int(parts[^2]) : null;
            yield return new PublishedPort(ip, host, Yml.Int(parts[^1]), Yml.Line(item), text);
        }
    }

    public static IEnumerable<VolumeMount> Volumes(ComposeService service)
    {
        foreach (var item in Yml.Items(service.Get("volumes")))
        {
            if (item is YamlMappingNode)
            {
                var type = Yml.Text(Yml.Child(item, "type")) ?? "volume";
                yield return new VolumeMount(Yml.Text(Yml.Child(item, "source")), Yml.Text(Yml.Child(item, "target")) ?? "",
                    type == "bind", Yml.IsTrue(Yml.Child(item, "read_only")), Yml.Line(item), $"type: {type}");
                continue;
            }
            var text = Yml.Text(item) ?? "";
            var parts = text.Split(':');
            if (parts.Length == 1)
            {
                // An anonymous volume: data outlives nothing and has no name to find it by.
                yield return new VolumeMount(null, parts[0], false, false, Yml.Line(item), text);
                continue;
            }
            var source = parts[0];
            var bind = source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~') || source.StartsWith('$') || source.Contains('/');
            var readOnly = parts.Length >= 3 && parts[2].Split(',').Contains("ro");
            yield return new VolumeMount(source, parts[1], bind, readOnly, Yml.Line(item), text);
        }
    }

    /// <summary>A Compose duration ("1m30s", "90s", "500ms") in seconds, or null when unparseable.</summary>
    public static double? Seconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        double total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                i++;
            if (start == i || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return null;
            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
                i++;
            double? scale = text[unitStart..i] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 0.001,
                "us" => 0.000001,
                _ => null,
            };
            if (scale is null)
                return null;
            total += number * scale.Value;
        }
        return total;
    }

    /// <summary>
    /// The words of a command node (a string, or a list of strings) with the line of each; a list item
    /// holding a script (<c>sh -c "…"</c>) is split into its words too.
    /// </summary>
    public static List<(string Text, int Line)> Words(YamlNode? node) =>
        [.. Strings(node).SelectMany(s => SplitScript(s.Value ?? "").Select(w => (w, Yml.Line(s))))];

    /// <summary>Shell words, with a quoted script among them (<c>sh -c "a -b c"</c>) split once more.</summary>
    public static IReadOnlyList<string> SplitScript(string text) =>
        [.. ShellWords.Split(text).SelectMany(w => w.Any(char.IsWhiteSpace) ? ShellWords.Split(w) : [w])];

    /// <summary>The entrypoint's words, then the command's: what the container or native process runs.</summary>
    public static List<(string Text, int Line)> CommandWords(ComposeService service) =>
        [.. Words(service.Get("entrypoint")), .. Words(service.Get("command"))];

    private static IEnumerable<YamlScalarNode> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>(),
        YamlScalarNode s when !Yml.IsNull(s) => [s],
        _ => [],
    };

    /// <summary>The value following a flag in a command (<c>--flag value</c> or <c>--flag=value</c>), or null.</summary>
    public static string? FlagValue(IReadOnlyList<string> command, params string[] flags)
    {
        for (var i = 0; i < command.Count; i++)
        {
            foreach (var flag in flags)
            {
                if (command[i] == flag && i + 1 < command.Count)
                    return command[i + 1];
                if (command[i].StartsWith(flag + "=", StringComparison.Ordinal))
                    return command[i][(flag.Length + 1)..];
            }
        }
        return null;
    }

    public static bool HasFlag(IReadOnlyList<string> command, params string[] flags) =>
        command.Any(word => flags.Any(f => word == f || word.StartsWith(f + "=", StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or inside it (a volume mount covering a data dir).</summary>
    public static bool IsUnder(string path, string directory) =>
        path.TrimEnd('/') == directory.TrimEnd('/') || path.StartsWith(directory.TrimEnd('/') + "/", StringComparison.Ordinal);
}
