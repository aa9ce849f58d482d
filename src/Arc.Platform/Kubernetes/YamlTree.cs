using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Kubernetes;

/// <summary>
/// Builds and writes YAML through YamlDotNet's representation model (no reflection: the arc binary
/// is Native AOT). A string is quoted unless it can only be read back as that string, so "1",
/// "yes" or "24h" never turn into a number, a boolean or anything but text on the way to Kubernetes.
/// </summary>
public static partial class YamlTree
{
    public static YamlMappingNode Map(params (string Key, YamlNode Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
            map.Add(new YamlScalarNode(key), value);
        return map;
    }

    public static YamlScalarNode Str(string value) =>
        new(value) { Style = PlainText().IsMatch(value) && !YamlWords().IsMatch(value) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };

    /// <summary>A multi-line text kept as written (a literal block), such as a configuration file or a script.</summary>
    public static YamlScalarNode Block(string value) => new(value) { Style = ScalarStyle.Literal };

    public static YamlScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Flag(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    public static YamlSequenceNode List(IEnumerable<YamlNode> items) => new(items);

    public static YamlSequenceNode Texts(IEnumerable<string> items) => new(items.Select(i => (YamlNode)Str(i)));

    /// <summary>
    /// Sets <paramref name="value"/> at a dotted <paramref name="path"/> ("config.cluster.enabled"),
    /// creating the mappings on the way; how chart values are written, one known key path at a time.
    /// </summary>
    public static void Set(YamlMappingNode root, string path, YamlNode value)
    {
        var keys = path.Split('.');
        var map = root;
        foreach (var key in keys[..^1])
        {
            var child = map.Children.TryGetValue(new YamlScalarNode(key), out var existing) ? existing : null;
            if (child is not YamlMappingNode next)
            {
                next = new YamlMappingNode();
                map.Children[new YamlScalarNode(key)] = next;
            }
            map = next;
        }
        map.Children[new YamlScalarNode(keys[^1])] = value;
    }

    /// <summary>One or more documents as YAML text; several are separated by <c>---</c>.</summary>
    public static string Write(params YamlNode[] documents)
    {
        var parts = documents.Select(document =>
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            new YamlStream(new YamlDocument(document)).Save(text, assignAnchors: false);
            // The model ends every document with the explicit end marker "..."; Kubernetes tools do not need it.
            var written = text.ToString().TrimEnd();
            return (written.EndsWith("\n...", StringComparison.Ordinal) ? written[..^4] : written) + "\n";
        });
        return string.Join("---\n", parts);
    }

    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainText();

    /// <summary>Words YAML 1.1 readers (Helm's, Kubernetes') take for booleans or null.</summary>
    [GeneratedRegex("^(?i:y|n|yes|no|on|off|true|false|null)$")]
    private static partial Regex YamlWords();
}
