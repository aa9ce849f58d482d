using System.Globalization;
using System.Text.RegularExpressions;
using Arc.Platform.Yaml;
using YamlDotNet.RepresentationModel;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// Reads services/messaging/streams.yaml strictly: unknown keys, wrong types and malformed
/// durations or sizes are <see cref="ConfigException"/>s located at the offending value.
/// </summary>
public static partial class StreamsFile
{
    public const string RelativePath = "services/messaging/streams.yaml";

    public static string PathUnder(string root) => Path.Combine(root, RelativePath);

    public static IReadOnlyList<StreamDeclaration> Load(string path, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.LoadRoot(path, displayPath), displayPath);

    public static IReadOnlyList<StreamDeclaration> Parse(string yaml, string displayPath = RelativePath) =>
        Read(YamlDocumentLoader.ParseRoot(yaml, displayPath), displayPath);

    private static List<StreamDeclaration> Read(YamlNode? root, string file)
    {
        var top = new YamlMap(root, file, "streams.yaml");
        var list = top.Get("streams");
        if (list is null)
            throw top.Error(top.Node, "missing required key 'streams'");
        if (list is not YamlSequenceNode sequence)
            throw top.Error(list, "'streams' must be a list of stream mappings");
        top.RejectUnknownKeys();

        var streams = new List<StreamDeclaration>();
        foreach (var item in sequence.Children)
        {
            var stream = ReadStream(new YamlMap(item, file, "each entry of 'streams'"));
            if (streams.Any(s => s.Name == stream.Name))
                throw new ConfigException(file, stream.Line, Yml.Column(item), $"stream '{stream.Name}' is declared twice");
            streams.Add(stream);
        }
        return streams;
    }

    private static StreamDeclaration ReadStream(YamlMap map)
    {
        var name = map.RequireString("name");
        if (!StreamName().IsMatch(name))
            throw map.Error(map.Get("name"), $"stream name '{name}' must use only A-Z, 0-9, '_' and '-'");
        var description = map.OptionalString("description");
        var subjects = Subjects(map, "subjects");
        if (subjects.Count == 0)
            throw map.Error(map.Get("subjects") ?? map.Node, $"stream '{name}' needs a non-empty 'subjects' list");
        var declaration = new StreamDeclaration(
            name,
            description,
            subjects,
            Choice(map, "storage", new Dictionary<string, StreamStorage> { ["file"] = StreamStorage.File, ["memory"] = StreamStorage.Memory }),
            Retention(map),
            Choice(map, "discard", new Dictionary<string, StreamDiscard> { ["old"] = StreamDiscard.Old, ["new"] = StreamDiscard.New }),
            Duration(map, "max_age"),
            Size(map, "max_bytes"),
            Integer(map, "max_msgs", -1, long.MaxValue),
            MessageSize(map),
            Duration(map, "duplicate_window"),
            (int?)Integer(map, "replicas", 1, 5),
            Yml.Line(map.Node))
        {
            KeyLines = map.Node.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not null)
                .ToDictionary(k => k.Value!, k => Yml.Line(k), StringComparer.Ordinal),
        };
        map.RejectUnknownKeys();
        return declaration;
    }

    /// <summary>The list of NATS subjects under <paramref name="key"/>, each checked by <see cref="NatsSubject"/> and located where it is written.</summary>
    internal static IReadOnlyList<string> Subjects(YamlMap map, string key)
    {
        var subjects = map.StringList(key);
        if (map.Get(key) is YamlSequenceNode list)
            foreach (var item in list.Children)
                if (NatsSubject.Problem(Yml.Text(item) ?? "") is { } problem)
                    throw map.Error(item, problem);
        return subjects;
    }

    /// <summary>The optional <c>retention:</c> of a stream mapping (consumers.yaml declares streams the same way).</summary>
    internal static StreamRetention? Retention(YamlMap map) =>
        Choice(map, "retention", new Dictionary<string, StreamRetention>
        {
            ["limits"] = StreamRetention.Limits,
            ["interest"] = StreamRetention.Interest,
            ["workqueue"] = StreamRetention.WorkQueue,
        });

    private static T? Choice<T>(YamlMap map, string key, Dictionary<string, T> choices) where T : struct
    {
        if (map.OptionalScalar(key) is not { } scalar)
            return null;
        return choices.TryGetValue(scalar.Value!, out var value)
            ? value
            : throw map.Error(scalar, $"'{key}' must be one of {string.Join(", ", choices.Keys)}, got '{scalar.Value}'");
    }

    /// <summary>An integer followed by s, m, h or d; a bare 0 means unlimited.</summary>
    internal static TimeSpan? Duration(YamlMap map, string key)
    {
        if (map.OptionalScalar(key) is not { } scalar)
            return null;
        var text = scalar.Value!;
        if (text == "0")
            return TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            throw map.Error(scalar, $"'{key}' must be a duration like 30s, 15m, 24h or 7d (0 = unlimited), got '{text}'");
        try
        {
            return match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        catch (OverflowException)
        {
            throw map.Error(scalar, $"'{key}' is too long: '{text}'");
        }
    }

    /// <summary>An integer followed by B, KiB, MiB or GiB; a bare -1 means unlimited.</summary>
    private static long? Size(YamlMap map, string key)
    {
        if (map.OptionalScalar(key) is not { } scalar)
            return null;
        var text = scalar.Value!;
        if (text == "-1")
            return -1;
        var match = SizePattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            throw map.Error(scalar, $"'{key}' must be a size like 512B, 64KiB, 1MiB or 10GiB (-1 = unlimited), got '{text}'");
        var unit = match.Groups[2].Value switch
        {
            "B" => 1L,
            "KiB" => 1L << 10,
            "MiB" => 1L << 20,
            _ => 1L << 30,
        };
        try
        {
            return checked(amount * unit);
        }
        catch (OverflowException)
        {
            throw map.Error(scalar, $"'{key}' is too large: '{text}'");
        }
    }

    private static int? MessageSize(YamlMap map)
    {
        var size = Size(map, "max_msg_size");
        if (size > int.MaxValue)
            throw map.Error(map.Get("max_msg_size"), "'max_msg_size' must be below 2GiB");
        return (int?)size;
    }

    private static long? Integer(YamlMap map, string key, long min, long max) =>
        map.OptionalScalar(key) is { } scalar ? map.AsLong(scalar, key, min, max) : null;

    [GeneratedRegex("^[A-Z0-9_-]+$")]
    private static partial Regex StreamName();

    [GeneratedRegex("^([0-9]+)(s|m|h|d)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^([0-9]+)(B|KiB|MiB|GiB)$")]
    private static partial Regex SizePattern();
}
