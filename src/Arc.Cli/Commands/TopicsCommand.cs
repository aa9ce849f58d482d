using System.CommandLine;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;
using Arc.Platform.Technologies.Pulsar;

namespace Arc.Cli.Commands;

/// <summary>`arc topics list|apply`: Pulsar tenants, namespaces and partitioned topics of services/streaming/topics.yaml.</summary>
internal static class TopicsCommand
{
    public static Command Create(GlobalOptions globals) => DeclaredResourcesCommand.Create(globals, new DeclaredResources<PulsarResourceStatus, PulsarOutcome>(
        "topics",
        "Pulsar tenants, namespaces and partitioned topics declared in services/streaming/topics.yaml",
        "Each declared Pulsar resource: whether it exists, and drift",
        "Create missing tenants, namespaces and partitioned topics; report drift; never deletes or changes",
        ProvisioningOperations.ListTopicsAsync,
        ProvisioningOperations.ApplyTopicsAsync)
    {
        ListJson = resources => JsonSerializer.Serialize(
            new TopicListDocument([.. resources.Select(r => new TopicListRow(Kind(r.Kind), r.Name, r.Exists, r.Drift))]),
            ArcJsonContext.Default.TopicListDocument),
        ListTable = Table,
        AsDeclared = r => r.Exists && r.Drift.Count == 0,
        ApplyJson = outcomes => JsonSerializer.Serialize(
            new TopicApplyDocument([.. outcomes.Select(o => new TopicApplyRow(Kind(o.Kind), o.Name, o.Action.ToString().ToLowerInvariant(), o.Drift))]),
            ArcJsonContext.Default.TopicApplyDocument),
        Drift = o => o.Drift,
    });

    private static TextTable Table(IReadOnlyList<PulsarResourceStatus> resources)
    {
        var table = new TextTable("KIND", "NAME", "EXISTS", "DRIFT");
        foreach (var r in resources)
            table.Add(r.Kind.Label(), r.Name, r.Exists ? "yes" : "no", r.Drift.Count == 0 ? "-" : string.Join("; ", r.Drift));
        return table;
    }

    private static string Kind(PulsarResourceKind kind) => kind.Label().Replace(' ', '_');
}

internal sealed record TopicListRow(string Kind, string Name, bool Exists, IReadOnlyList<string> Drift);

internal sealed record TopicListDocument(IReadOnlyList<TopicListRow> Pulsar);

internal sealed record TopicApplyRow(string Kind, string Name, string Action, IReadOnlyList<string> Drift);

internal sealed record TopicApplyDocument(IReadOnlyList<TopicApplyRow> Pulsar);
