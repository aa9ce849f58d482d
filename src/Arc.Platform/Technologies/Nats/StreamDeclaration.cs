namespace Arc.Platform.Technologies.Nats;

public enum StreamStorage { File, Memory }

public enum StreamRetention { Limits, Interest, WorkQueue }

public enum StreamDiscard { Old, New }

/// <summary>
/// One stream of services/messaging/streams.yaml. Optional settings left out (null) are not
/// managed: the server's default applies on creation and whatever the server has is accepted.
/// </summary>
public sealed record StreamDeclaration(
    string Name,
    string? Description,
    IReadOnlyList<string> Subjects,
    StreamStorage? Storage,
    StreamRetention? Retention,
    StreamDiscard? Discard,
    TimeSpan? MaxAge,
    long? MaxBytes,
    long? MaxMessages,
    int? MaxMessageSize,
    TimeSpan? DuplicateWindow,
    int? Replicas,
    int Line)
{
    /// <summary>The line of each key written in the stream's mapping ("subjects", "max_age", ...), for located messages.</summary>
    public IReadOnlyDictionary<string, int> KeyLines { get; init; } = new Dictionary<string, int>();

    /// <summary>The line of <paramref name="key"/>, or the stream's own line where the key is not written.</summary>
    public int LineOf(string key) => KeyLines.TryGetValue(key, out var line) ? line : Line;
}
