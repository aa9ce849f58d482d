using System.Text;
using System.Text.RegularExpressions;
using Arc.Platform.Kubernetes;
using Arc.Platform.Registry;
using YamlDotNet.RepresentationModel;
using static Arc.Platform.Kubernetes.YamlTree;

namespace Arc.Platform.Technologies.Nats.Kubernetes;

/// <summary>
/// NACK <c>Stream</c> objects (jetstream.nats.io/v1beta2) for the streams a NATS service declares.
/// Storage is always written: NACK's default is memory, the server's (and streams.yaml's) is file.
/// Replicas follow the profile; deletion is refused (<c>preventDelete</c>), as arc never deletes a stream.
/// </summary>
public static partial class NackStreams
{
    public const string ApiVersion = "jetstream.nats.io/v1beta2";
    public const string Kind = "Stream";

    /// <summary>The streams file beside the service's service.yaml; none declared there means no Stream objects.</summary>
    public static IReadOnlyList<StreamDeclaration> DeclaredBy(ServiceDefinition service)
    {
        var name = Path.GetFileName(StreamsFile.RelativePath);
        var path = Path.Combine(service.Directory, name);
        return File.Exists(path) ? StreamsFile.Load(path, ServiceFiles.Display(service, name)) : [];
    }

    public static IReadOnlyList<YamlMappingNode> Objects(IReadOnlyList<StreamDeclaration> streams, KubernetesProfile profile, string file) =>
        [.. streams.Select(s => Object(s, profile, file))];

    private static YamlMappingNode Object(StreamDeclaration stream, KubernetesProfile profile, string file)
    {
        var spec = Map(
            ("name", Str(stream.Name)),
            ("subjects", Texts(stream.Subjects)),
            ("storage", Str(stream.Storage == StreamStorage.Memory ? "memory" : "file")));
        if (stream.Retention is { } retention)
            spec.Add("retention", Str(retention.ToString().ToLowerInvariant()));
        if (stream.Discard is { } discard)
            spec.Add("discard", Str(discard.ToString().ToLowerInvariant()));
        if (stream.MaxAge is { } maxAge)
            spec.Add("maxAge", Str(GoDuration(maxAge)));
        if (stream.MaxBytes is { } maxBytes)
            spec.Add("maxBytes", Number(maxBytes));
        if (stream.MaxMessages is { } maxMessages)
            spec.Add("maxMsgs", Number(maxMessages));
        if (stream.MaxMessageSize is { } maxMessageSize)
            spec.Add("maxMsgSize", Number(maxMessageSize));
        if (stream.DuplicateWindow is { } window)
            spec.Add("duplicateWindow", Str(GoDuration(window)));
        spec.Add("replicas", Number(profile.DataReplicas()));
        spec.Add("preventDelete", Flag(true));
        return Map(
            ("apiVersion", Str(ApiVersion)),
            ("kind", Str(Kind)),
            ("metadata", Map(("name", Str(ObjectName(stream, file))), ("labels", Map(("app.kubernetes.io/part-of", Str("arc-platform")))))),
            ("spec", spec));
    }

    /// <summary>A Kubernetes object name for a stream: lower case, '-' for '_' (AGENT_COMMANDS → agent-commands).</summary>
    public static string ObjectName(StreamDeclaration stream, string file)
    {
        var name = stream.Name.ToLowerInvariant().Replace('_', '-');
        return ObjectNamePattern().IsMatch(name) && name.Length <= 253
            ? name
            : throw new ConfigException(file, stream.Line, 1,
                $"stream '{stream.Name}' has no Kubernetes object name: '{name}' must start and end with a letter or digit");
    }

    /// <summary>A duration as Go's time.ParseDuration reads it (7d → 168h, 90s → 1m30s, 0 → 0s): NACK parses it so.</summary>
    public static string GoDuration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        var hours = (long)value.TotalHours;
        if (hours > 0)
            text.Append(hours).Append('h');
        if (value.Minutes > 0)
            text.Append(value.Minutes).Append('m');
        if (value.Seconds > 0)
            text.Append(value.Seconds).Append('s');
        return text.ToString();
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ObjectNamePattern();
}
