using NATS.Client.JetStream.Models;

namespace Arc.Platform.Technologies.Nats;

/// <summary>One setting where the server's stream differs from streams.yaml.</summary>
public sealed record StreamDifference(string Setting, string Declared, string Actual, bool Updatable)
{
    public override string ToString() => $"{Setting}: streams.yaml says {Declared}, server has {Actual}";
}

/// <summary>
/// What JetStream stores for a zero ("not set") value, on add and on update alike: a client that
/// leaves a limit at zero (Cortex's Go client sends 0 for every field it does not set) gets these,
/// so a declared 0 and the server's default compare equal.
/// </summary>
internal static class ServerDefaults
{
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(2);

    /// <summary>max_msgs, max_bytes, max_msg_size: 0 and -1 both mean unlimited, stored as -1.</summary>
    public static long Limit(long value) => value == 0 ? -1 : value;

    /// <summary>Two minutes, or the max age when that is shorter.</summary>
    public static TimeSpan Window(TimeSpan window, TimeSpan maxAge) =>
        window != TimeSpan.Zero ? window
        : maxAge > TimeSpan.Zero && maxAge < DuplicateWindow ? maxAge
        : DuplicateWindow;

    public static int Replicas(int replicas) => replicas == 0 ? 1 : replicas;
}

/// <summary>
/// Declared vs. actual stream settings, and the translation between streams.yaml and the
/// JetStream API model. Only what streams.yaml declares is compared, each value as the server
/// would store it (<see cref="ServerDefaults"/>), so a stream a consumer created with the same
/// settings compares unchanged. Storage type and retention policy cannot change on a live
/// stream; everything else arc manages can be updated in place.
/// </summary>
internal static class StreamComparison
{
    public static StreamConfig ToConfig(StreamDeclaration declared)
    {
        var config = new StreamConfig(declared.Name, [.. declared.Subjects]);
        Apply(declared, config);
        if (declared.Storage is { } storage)
            config.Storage = ToApi(storage);
        if (declared.Retention is { } retention)
            config.Retention = ToApi(retention);
        return config;
    }

    /// <summary>Writes the updatable declared settings onto <paramref name="config"/> (a copy of the server's).</summary>
    public static void Apply(StreamDeclaration declared, StreamConfig config)
    {
        config.Subjects = [.. declared.Subjects];
        if (declared.Description is not null)
            config.Description = declared.Description;
        if (declared.Discard is { } discard)
            config.Discard = ToApi(discard);
        if (declared.MaxAge is { } maxAge)
            config.MaxAge = maxAge;
        if (declared.MaxBytes is { } maxBytes)
            config.MaxBytes = maxBytes;
        if (declared.MaxMessages is { } maxMessages)
            config.MaxMsgs = maxMessages;
        if (declared.MaxMessageSize is { } maxMessageSize)
            config.MaxMsgSize = maxMessageSize;
        if (declared.DuplicateWindow is { } window)
            config.DuplicateWindow = window;
        if (declared.Replicas is { } replicas)
            config.NumReplicas = replicas;
    }

    public static List<StreamDifference> Compare(StreamDeclaration declared, StreamConfig actual)
    {
        var differences = new List<StreamDifference>();
        void Check(string setting, string? declaredValue, string actualValue, bool updatable)
        {
            if (declaredValue is not null && declaredValue != actualValue)
                differences.Add(new StreamDifference(setting, declaredValue, actualValue, updatable));
        }

        var actualSubjects = actual.Subjects?.ToList() ?? [];
        if (!actualSubjects.Order(StringComparer.Ordinal).SequenceEqual(declared.Subjects.Order(StringComparer.Ordinal)))
            differences.Add(new StreamDifference("subjects", $"[{string.Join(", ", declared.Subjects)}]", $"[{string.Join(", ", actualSubjects)}]", true));
        Check("description", declared.Description, actual.Description ?? "", true);
        Check("storage", Name(declared.Storage), Text(FromApi(actual.Storage)), false);
        Check("retention", Name(declared.Retention), Text(FromApi(actual.Retention)), false);
        Check("discard", Name(declared.Discard), Text(FromApi(actual.Discard)), true);
        Check("max_age", declared.MaxAge is { } age ? StreamUnits.Duration(age) : null, StreamUnits.Duration(actual.MaxAge), true);
        Check("max_bytes", declared.MaxBytes is { } bytes ? StreamUnits.Size(ServerDefaults.Limit(bytes)) : null, StreamUnits.Size(ServerDefaults.Limit(actual.MaxBytes)), true);
        Check("max_msgs", declared.MaxMessages is { } count ? ServerDefaults.Limit(count).ToString() : null, ServerDefaults.Limit(actual.MaxMsgs).ToString(), true);
        Check("max_msg_size", declared.MaxMessageSize is { } size ? StreamUnits.Size(ServerDefaults.Limit(size)) : null, StreamUnits.Size(ServerDefaults.Limit(actual.MaxMsgSize)), true);
        Check("duplicate_window", declared.DuplicateWindow is { } window ? StreamUnits.Duration(ServerDefaults.Window(window, declared.MaxAge ?? actual.MaxAge)) : null,
            StreamUnits.Duration(ServerDefaults.Window(actual.DuplicateWindow, actual.MaxAge)), true);
        Check("replicas", declared.Replicas is { } replicas ? ServerDefaults.Replicas(replicas).ToString() : null, ServerDefaults.Replicas(actual.NumReplicas).ToString(), true);
        return differences;
    }

    private static string? Name<T>(T? value) where T : struct, Enum => value is { } known ? Text(known) : null;

    private static string Text<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static StreamConfigStorage ToApi(StreamStorage storage) =>
        storage == StreamStorage.Memory ? StreamConfigStorage.Memory : StreamConfigStorage.File;

    private static StreamStorage FromApi(StreamConfigStorage storage) =>
        storage == StreamConfigStorage.Memory ? StreamStorage.Memory : StreamStorage.File;

    private static StreamConfigRetention ToApi(StreamRetention retention) => retention switch
    {
        StreamRetention.Interest => StreamConfigRetention.Interest,
        StreamRetention.WorkQueue => StreamConfigRetention.Workqueue,
        _ => StreamConfigRetention.Limits,
    };

    private static StreamRetention FromApi(StreamConfigRetention retention) => retention switch
    {
        StreamConfigRetention.Interest => StreamRetention.Interest,
        StreamConfigRetention.Workqueue => StreamRetention.WorkQueue,
        _ => StreamRetention.Limits,
    };

    private static StreamConfigDiscard ToApi(StreamDiscard discard) =>
        discard == StreamDiscard.New ? StreamConfigDiscard.New : StreamConfigDiscard.Old;

    private static StreamDiscard FromApi(StreamConfigDiscard discard) =>
        discard == StreamConfigDiscard.New ? StreamDiscard.New : StreamDiscard.Old;
}
