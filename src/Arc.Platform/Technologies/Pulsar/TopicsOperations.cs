using System.Text.Json.Nodes;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>A Pulsar service's own topics.yaml against the running service: after start (`arc up`) and on demand (`arc topics list|apply`).</summary>
internal static class TopicsOperations
{
    public const string FileName = "topics.yaml";

    public static DeclaredKind Kind { get; } = new("topics", FileName, "Pulsar resources")
    {
        Description = "Pulsar tenants, namespaces and partitioned topics each Pulsar service declares in its own topics.yaml (services/streaming/topics.yaml)",
        ListDescription = "Each declared Pulsar resource: whether it exists, and drift",
        ApplyDescription = "Create missing tenants, namespaces and partitioned topics; report drift; never deletes or changes",
        JsonKey = "pulsar",
        Headings = ["KIND", "NAME", "EXISTS", "DRIFT"],
    };

    public static async Task<IReadOnlyList<ListedResource>> ListAsync(string adminUrl, DeclaredFile file, CancellationToken cancellationToken)
    {
        var resources = await Provisioner(adminUrl).ListAsync(Declared(file), cancellationToken);
        return [.. resources.Select(r => new ListedResource(
            [r.Kind.Label(), r.Name, r.Exists ? "yes" : "no", r.Drift.Count == 0 ? "-" : string.Join("; ", r.Drift)],
            new JsonObject { ["kind"] = JsonKind(r.Kind), ["name"] = r.Name, ["exists"] = r.Exists, ["drift"] = JsonRows.Strings(r.Drift) },
            r.Exists && r.Drift.Count == 0))];
    }

    public static async Task<IReadOnlyList<AppliedResource>> ApplyAsync(string adminUrl, DeclaredFile file, CancellationToken cancellationToken)
    {
        var outcomes = await Provisioner(adminUrl).ApplyAsync(Declared(file), cancellationToken);
        return [.. outcomes.Select(o => new AppliedResource(o.ToString(), o.Drift, new JsonObject
        {
            ["kind"] = JsonKind(o.Kind),
            ["name"] = o.Name,
            ["action"] = o.Action.ToString().ToLowerInvariant(),
            ["drift"] = JsonRows.Strings(o.Drift),
        }))];
    }

    /// <summary>Applies a service's own topics file; nothing to do when it has none.</summary>
    internal static async Task<ProvisionReport> ApplyFileAsync(string adminUrl, DeclaredFile file, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (!file.Exists)
            return ProvisionReport.None;
        var outcomes = await Provisioner(adminUrl, timeout).ApplyAsync(Declared(file), cancellationToken);
        return new ProvisionReport([.. outcomes.Select(o => new ProvisionedItem(
            JsonKind(o.Kind),
            o.Name,
            o.Action switch { PulsarAction.Created => ProvisionAction.Created, PulsarAction.Unchanged => ProvisionAction.Unchanged, _ => ProvisionAction.Drift },
            o.Drift.Count == 0 ? null : string.Join("; ", o.Drift)))]);
    }

    private static string JsonKind(PulsarResourceKind kind) => kind.Label().Replace(' ', '_');

    private static PulsarProvisioner Provisioner(string adminUrl, TimeSpan? timeout = null) =>
        new(new PulsarAdminClient(adminUrl, timeout ?? PulsarAdminClient.DefaultTimeout));

    private static PulsarResources Declared(DeclaredFile file) => TopicsFile.Load(file.Require(), file.DisplayPath);
}
