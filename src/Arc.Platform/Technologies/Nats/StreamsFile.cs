namespace Arc.Platform.Technologies.Nats;

internal static class StreamsFile
{
    public const string RelativePath = "services/messaging/streams.yaml";
    public static string PathUnder(string root) => Path.Combine(root, RelativePath);
}
