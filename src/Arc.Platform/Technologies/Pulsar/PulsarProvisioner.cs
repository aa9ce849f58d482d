using System.Globalization;

namespace Arc.Platform.Technologies.Pulsar;

public enum PulsarResourceKind { Tenant, Namespace, PartitionedTopic }

public static class PulsarResourceKinds
{
    /// <summary>How a kind reads in a sentence: "tenant", "namespace", "partitioned topic".</summary>
    public static string Label(this PulsarResourceKind kind) => kind switch
    {
        PulsarResourceKind.Tenant => "tenant",
        PulsarResourceKind.Namespace => "namespace",
        _ => "partitioned topic",
    };
}

public enum PulsarAction { Created, Unchanged, Drifted }

/// <summary>What applying one declared resource did, and what differs that arc does not change.</summary>
public sealed record PulsarOutcome(PulsarResourceKind Kind, string Name, PulsarAction Action, IReadOnlyList<string> Drift)
{
    public override string ToString() => $"{Kind.Label()} {Name}: {Action switch
    {
        PulsarAction.Created => "created",
        PulsarAction.Unchanged => "unchanged",
        _ => "drift",
    }}";
}

/// <summary>A declared resource as the server has it, for `arc topics list`.</summary>
public sealed record PulsarResourceStatus(PulsarResourceKind Kind, string Name, bool Exists, IReadOnlyList<string> Drift);

/// <summary>
/// Applies topics.yaml through the admin REST API the way Cortex does: PUT each tenant,
/// namespace and partitioned topic in that order; 204 is created, 409 is already there (then
/// its settings are read back and compared). It never deletes or changes an existing resource:
/// a difference is reported as drift. Any other answer, or none in time, fails with one line.
/// </summary>
internal sealed class PulsarProvisioner(PulsarAdminClient admin)
{
    private const int NoContent = 204;
    private const int Ok = 200;
    private const int NotFound = 404;
    private const int Conflict = 409;

    public async Task<IReadOnlyList<PulsarOutcome>> ApplyAsync(PulsarResources resources, CancellationToken cancellationToken)
    {
        var outcomes = new List<PulsarOutcome>();
        foreach (var tenant in resources.Tenants)
            outcomes.Add(await ApplyTenantAsync(tenant, cancellationToken).ConfigureAwait(false));
        foreach (var ns in resources.Namespaces)
            outcomes.Add(await ApplyNamespaceAsync(ns, cancellationToken).ConfigureAwait(false));
        foreach (var topic in resources.PartitionedTopics)
            outcomes.Add(await ApplyTopicAsync(topic, cancellationToken).ConfigureAwait(false));
        return outcomes;
    }

    public async Task<IReadOnlyList<PulsarResourceStatus>> ListAsync(PulsarResources resources, CancellationToken cancellationToken)
    {
        var listing = new List<PulsarResourceStatus>();
        foreach (var tenant in resources.Tenants)
        {
            var answer = await ReadAsync(TenantPath(tenant.Name), cancellationToken).ConfigureAwait(false);
            listing.Add(new(PulsarResourceKind.Tenant, tenant.Name, answer is not null, answer is null ? [] : ClusterDrift(tenant, answer)));
        }
        foreach (var group in resources.Namespaces.GroupBy(n => n.Tenant))
        {
            // One listing per tenant; a tenant that does not exist (404) has no namespaces.
            var path = NamespacePath(group.Key);
            var answer = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
            var existing = answer is null ? [] : PulsarAdminRoundTrip.StringArray(answer)
                ?? throw new Drivers.DriverException($"Pulsar admin GET {path}: expected a JSON list of namespaces");
            listing.AddRange(group.Select(ns => new PulsarResourceStatus(PulsarResourceKind.Namespace, ns.Path, existing.Contains(ns.Path), [])));
        }
        foreach (var topic in resources.PartitionedTopics)
        {
            var answer = await ReadAsync(PartitionsPath(topic), cancellationToken).ConfigureAwait(false);
            // A topic that was never created reads as 0 partitions on older brokers and 404 on newer ones.
            var exists = answer is not null && PulsarJson.Partitions(answer) is > 0;
            listing.Add(new(PulsarResourceKind.PartitionedTopic, topic.Topic, exists, exists ? PartitionDrift(topic, answer!) : []));
        }
        return listing;
    }

    private async Task<PulsarOutcome> ApplyTenantAsync(PulsarTenant tenant, CancellationToken cancellationToken)
    {
        var path = TenantPath(tenant.Name);
        var created = await CreateAsync(path, PulsarJson.TenantInfo(tenant.AllowedClusters), cancellationToken).ConfigureAwait(false);
        if (created)
            return new(PulsarResourceKind.Tenant, tenant.Name, PulsarAction.Created, []);
        var existing = await ReadAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new Drivers.DriverException($"Pulsar admin GET {path}: HTTP 404 right after PUT answered 409");
        return Compared(PulsarResourceKind.Tenant, tenant.Name, ClusterDrift(tenant, existing));
    }

    private async Task<PulsarOutcome> ApplyNamespaceAsync(PulsarNamespace ns, CancellationToken cancellationToken)
    {
        var created = await CreateAsync(NamespacePath(ns.Path), null, cancellationToken).ConfigureAwait(false);
        return new(PulsarResourceKind.Namespace, ns.Path, created ? PulsarAction.Created : PulsarAction.Unchanged, []);
    }

    private async Task<PulsarOutcome> ApplyTopicAsync(PulsarPartitionedTopic topic, CancellationToken cancellationToken)
    {
        var path = PartitionsPath(topic);
        // The body is the partition count as a bare JSON integer, as Cortex sends it.
        var created = await CreateAsync(path, topic.Partitions.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        if (created)
            return new(PulsarResourceKind.PartitionedTopic, topic.Topic, PulsarAction.Created, []);
        var existing = await ReadAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new Drivers.DriverException($"Pulsar admin GET {path}: HTTP 404 right after PUT answered 409");
        return Compared(PulsarResourceKind.PartitionedTopic, topic.Topic, PartitionDrift(topic, existing));
    }

    /// <summary>PUTs a resource: true when it was created (204), false when it was already there (409).</summary>
    private async Task<bool> CreateAsync(string path, string? json, CancellationToken cancellationToken)
    {
        var answer = await admin.PutAsync(path, json, cancellationToken).ConfigureAwait(false);
        return answer.Status switch
        {
            NoContent => true,
            Conflict => false,
            _ => throw PulsarAdminClient.Unexpected("PUT", path, answer),
        };
    }

    /// <summary>GETs a resource's settings: the body, or null when the resource does not exist (404).</summary>
    private async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var answer = await admin.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return answer.Status switch
        {
            Ok => answer.Body,
            NotFound => null,
            _ => throw PulsarAdminClient.Unexpected("GET", path, answer),
        };
    }

    private static PulsarOutcome Compared(PulsarResourceKind kind, string name, IReadOnlyList<string> drift) =>
        new(kind, name, drift.Count == 0 ? PulsarAction.Unchanged : PulsarAction.Drifted, drift);

    private static IReadOnlyList<string> ClusterDrift(PulsarTenant tenant, string body)
    {
        var actual = PulsarJson.AllowedClusters(body) ?? [];
        var missing = tenant.AllowedClusters.Where(c => !actual.Contains(c)).ToList();
        return missing.Count == 0
            ? []
            : [$"allowed_clusters declares [{string.Join(", ", tenant.AllowedClusters)}], the server has [{string.Join(", ", actual)}]; arc does not change an existing tenant"];
    }

    private static IReadOnlyList<string> PartitionDrift(PulsarPartitionedTopic topic, string body)
    {
        var actual = PulsarJson.Partitions(body);
        if (actual == topic.Partitions)
            return [];
        return actual is null or 0
            ? [$"exists, but not as a partitioned topic; arc never deletes a topic: remove it by hand to apply {topic.Partitions} partitions"]
            : [$"partitions declared {topic.Partitions}, the server has {actual}; arc never changes a topic's partition count (Pulsar cannot remove partitions)"];
    }

    internal static string TenantPath(string tenant) => $"/admin/v2/tenants/{tenant}";

    internal static string NamespacePath(string path) => $"/admin/v2/namespaces/{path}";

    internal static string PartitionsPath(PulsarPartitionedTopic topic) =>
        $"/admin/v2/persistent/{topic.Tenant}/{topic.Namespace}/{topic.Name}/partitions";
}
