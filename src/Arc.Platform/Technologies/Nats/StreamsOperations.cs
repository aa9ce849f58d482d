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
        var streams = await ExplainingFullStoreAsync(nats,
            () => StreamProvisioner.ListAsync(NatsTechnology.ClientUrl(nats), ClusterAware(nats, Declarations(file)), cancellationToken), cancellationToken);
        return [.. streams.Select(Listed)];
    }

    public static async Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition nats, DeclaredFile file, CancellationToken cancellationToken)
    {
        var outcomes = await ApplyCheckedAsync(nats, Declarations(file), cancellationToken);
        return [.. outcomes.Select(o => new AppliedResource(o.ToString(), o.Drift, new JsonObject
        {
            ["name"] = o.Name,
            ["action"] = o.Action.ToString().ToLowerInvariant(),
            ["changes"] = JsonRows.Strings(o.Changes),
            ["drift"] = JsonRows.Strings(o.Drift),
        }))];
    }

    /// <summary>`arc up`'s provisioning of the service's own streams file.</summary>
    /// <param name="url">Where to apply them: the service's client URL unless given (a cluster's every member).</param>
    public static async Task<ProvisionReport> ProvisionAsync(ServiceDefinition nats, DeclaredFile file, CancellationToken cancellationToken, string? url = null)
    {
        if (!file.Exists)
            return ProvisionReport.None;
        var outcomes = await ApplyCheckedAsync(nats, Declarations(file), cancellationToken, url);
        return new ProvisionReport([.. outcomes.Select(o => o.ToItem())]);
    }

    /// <summary>
    /// Applies the declarations, explaining a refusal by a full file store. A write the server accepted on a
    /// full store is not taken at its word either: measured with nats-server 2.9.10, creating again a stream
    /// whose first create failed for lack of space answers success although its files still cannot be written.
    /// </summary>
    private static async Task<IReadOnlyList<StreamOutcome>> ApplyCheckedAsync(ServiceDefinition nats, IReadOnlyList<StreamDeclaration> declarations,
        CancellationToken cancellationToken, string? url = null)
    {
        var outcomes = await ExplainingFullStoreAsync(nats,
            () => StreamProvisioner.ApplyAsync(url ?? NatsTechnology.ClientUrl(nats), ClusterAware(nats, declarations), cancellationToken), cancellationToken);
        var written = outcomes.Where(o => o.Action is StreamAction.Created or StreamAction.Updated).Select(o => o.Name).ToList();
        if (written.Count > 0 && await FileStoreCheck.ExplainAsync(NatsTechnology.MonitorUrl(nats), null, cancellationToken) is { } full)
            throw new DriverException($"{full}; JetStream accepted stream {string.Join(", ", written)} but cannot store it there");
        return outcomes;
    }

    /// <summary>
    /// A refusal that a full file store explains is reported with the store's free space, as `health --deep`
    /// does: on a full disk nats-server answers a stream create with only "error creating store for stream",
    /// and clients of a server that switched JetStream off see only "JetStream is not available".
    /// </summary>
    private static async Task<T> ExplainingFullStoreAsync<T>(ServiceDefinition nats, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (DriverException e)
        {
            var full = await FileStoreCheck.ExplainAsync(NatsTechnology.MonitorUrl(nats), null, cancellationToken);
            if (full is null)
                throw;
            throw new DriverException($"{full}; {e.Message}");
        }
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

    /// <summary>
    /// A running cluster holds the streams at one replica per member (<see cref="ClusterStreams"/>): `up` and
    /// `streams apply` restore replicas a consumer's update dropped (Cortex's num_replicas 0 makes R3 R1).
    /// </summary>
    private static Func<bool, IReadOnlyList<StreamDeclaration>> ClusterAware(ServiceDefinition nats, IReadOnlyList<StreamDeclaration> declared) =>
        clustered => ClusterStreams.For(nats, declared, clustered);

    private static IReadOnlyList<StreamDeclaration> Declarations(DeclaredFile file) => StreamsFile.Load(file.Require(), file.DisplayPath);
}
