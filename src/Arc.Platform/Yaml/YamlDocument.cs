using Arc.Platform.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Yaml;

/// <summary>
/// Loads one YAML file into the representation model within <see cref="YamlLimits"/>, turning every
/// failure — unreadable, not a regular file, too large, not UTF-8, malformed, too deep, too many
/// nodes — into a located <see cref="ConfigException"/>.
/// </summary>
public static class YamlDocumentLoader
{
    public static YamlNode? LoadRoot(string path, string displayPath) =>
        ParseRoot(BoundedFile.ReadText(path, displayPath), displayPath);

    public static YamlNode? ParseRoot(string text, string displayPath)
    {
        if (text.Length > BoundedFile.MaxBytes)
            throw new ConfigException(displayPath, 1, 1, $"document is larger than {BoundedFile.MaxBytes / 1024} KiB");
        var stream = new YamlStream();
        var parser = new BoundedParser(new Parser(new StringReader(text)), displayPath);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var line = Math.Max(1, (int)e.Start.Line);
            var col = Math.Max(1, (int)e.Start.Column);
            throw new ConfigException(displayPath, line, col, $"malformed YAML: {Flatten(e)}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet throws these without a location for some malformed input; the parser's last position is where it stopped making sense.
            throw Located(parser, displayPath, "malformed YAML: unexpected structure");
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException(displayPath, Yml.Line(second), Yml.Column(second), "expected one YAML document, found several");
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static ConfigException Located(BoundedParser parser, string displayPath, string reason) =>
        new(displayPath, Math.Max(1, (int)parser.LastPosition.Line), Math.Max(1, (int)parser.LastPosition.Column), reason);

    private static string Flatten(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        // YamlDotNet prefixes its messages with "(Line: .., Col: .., Idx: ..) - (...): " which we already report.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
