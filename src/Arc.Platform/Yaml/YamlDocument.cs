using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Yaml;

/// <summary>Loads one YAML file into the representation model, turning every failure into a located <see cref="ConfigException"/>.</summary>
public static class YamlDocumentLoader
{
    public static YamlNode? LoadRoot(string path, string displayPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(displayPath, 1, 1, $"cannot read file: {e.Message}");
        }
        return ParseRoot(text, displayPath);
    }

    public static YamlNode? ParseRoot(string text, string displayPath)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
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
            var at = parser.LastPosition;
            throw new ConfigException(displayPath, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "malformed YAML: unexpected structure");
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException(displayPath, (int)second.Start.Line, (int)second.Start.Column, "expected one YAML document, found several");
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string Flatten(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        // YamlDotNet prefixes its messages with "(Line: .., Col: .., Idx: ..) - (...): " which we already report.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}

/// <summary>Remembers where the last parsed event started, so errors without a location still get one.</summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public Mark LastPosition { get; private set; } = Mark.Empty;

    public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
            LastPosition = current.Start;
        return moved;
    }
}
