using System.Text.Json.Nodes;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>`arc streams list|apply`: a NATS service's own streams.yaml against the running service, on demand.</summary>
internal static class StreamsOperations
{
    public const string FileName = "streams.yaml";

    public static DeclaredKind Kind { get; } = new("streams", FileName, "JetStream streams")
    {
        Description = "JetStream streams each NATS service declares in its own streams.yaml (services/messaging/streams.yaml)",
        ListDescription = "Each declared stream as the server has it: messages, bytes, drift",
        ApplyDescription = "Create missing streams, update what changed where the server allows it, report drift; never deletes",
        JsonKey = "streams",
        Headings = ["STREAM", "EXISTS", "MESSAGES", "BYTES", "DRIFT"],
    };

    public static async Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition nats, DeclaredFile file, CancellationToken cancellationToken)
    {
        IReadOnlyList<StreamStatus> streams;
        try
        {
            var declared = Declarations(file);
            streams = await StreamProvisioner.ListAsync(NatsTechnology.ClientUrl(nats), clustered => ClusterStreams.For(nats, declared, clustered), cancellationToken);
        }
        catch (DriverException e)
        {
            // "JetStream is not available" is what clients see when the server switched it off for a full disk.
            var full = await FileStoreCheck.ExplainAsync(NatsTechnology.MonitorUrl(nats), null, cancellationToken);
            if (full is null)
                throw;
            throw new DriverException($"{full}; {e.Message}");
        }
        return [.. streams.Select(Listed)];
    }

    public static async Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition nats, DeclaredFile file, CancellationToken cancellationToken)
    {
        var declared = Declarations(file);
        // A running cluster holds the streams at its member count: `streams apply` restores replicas a consumer's update dropped.
        var outcomes = await StreamProvisioner.ApplyAsync(NatsTechnology.ClientUrl(nats), clustered => ClusterStreams.For(nats, declared, clustered), cancellationToken);
        return [.. outcomes.Select(o => new AppliedResource(o.ToString(), o.Drift, new JsonObject
        {
            ["name"] = o.Name,
            ["action"] = o.Action.ToString().ToLowerInvariant(),
            ["changes"] = JsonRows.Strings(o.Changes),
            ["drift"] = JsonRows.Strings(o.Drift),
        }))];
    }

    private static ListedResource Listed(StreamStatus s) => new(
        [s.Name, s.Exists ? "yes" : "no", s.Messages.ToString(), s.Bytes.ToString(), s.Drift.Count == 0 ? "-" : string.Join("; ", s.Drift)],
        new JsonObject
        {
            ["name"] = s.Name,
            ["exists"] = s.Exists,
            ["messages"] = s.Messages,
            ["bytes"] = s.Bytes,
            ["drift"] = JsonRows.Strings(s.Drift),
        },
        s.Exists);

    private static IReadOnlyList<StreamDeclaration> Declarations(DeclaredFile file) => StreamsFile.Load(file.Require(), file.DisplayPath);
}
