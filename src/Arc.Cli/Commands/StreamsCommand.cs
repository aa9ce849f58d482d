using System.CommandLine;
using System.Text.Json;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;
using Arc.Platform.Technologies.Nats;

namespace Arc.Cli.Commands;

/// <summary>`arc streams list|apply`: JetStream streams of services/messaging/streams.yaml.</summary>
internal static class StreamsCommand
{
    public static Command Create(GlobalOptions globals) => DeclaredResourcesCommand.Create(globals, new DeclaredResources<StreamStatus, StreamOutcome>(
        "streams",
        "JetStream streams declared in services/messaging/streams.yaml",
        "Each declared stream as the server has it: messages, bytes, drift",
        "Create missing streams, update what changed where the server allows it, report drift; never deletes",
        ProvisioningOperations.ListStreamsAsync,
        ProvisioningOperations.ApplyStreamsAsync)
    {
        ListJson = streams => JsonSerializer.Serialize(
            new StreamListDocument([.. streams.Select(s => new StreamListRow(s.Name, s.Exists, s.Messages, s.Bytes, s.Drift))]),
            ArcJsonContext.Default.StreamListDocument),
        ListTable = Table,
        AsDeclared = s => s.Exists,
        ApplyJson = outcomes => JsonSerializer.Serialize(
            new StreamApplyDocument([.. outcomes.Select(o => new StreamApplyRow(o.Name, o.Action.ToString().ToLowerInvariant(), o.Changes, o.Drift))]),
            ArcJsonContext.Default.StreamApplyDocument),
        Drift = o => o.Drift,
    });

    private static TextTable Table(IReadOnlyList<StreamStatus> streams)
    {
        var table = new TextTable("STREAM", "EXISTS", "MESSAGES", "BYTES", "DRIFT");
        foreach (var s in streams)
            table.Add(s.Name, s.Exists ? "yes" : "no", s.Messages.ToString(), s.Bytes.ToString(), s.Drift.Count == 0 ? "-" : string.Join("; ", s.Drift));
        return table;
    }
}

internal sealed record StreamListRow(string Name, bool Exists, long Messages, long Bytes, IReadOnlyList<string> Drift);

internal sealed record StreamListDocument(IReadOnlyList<StreamListRow> Streams);

internal sealed record StreamApplyRow(string Name, string Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Drift);

internal sealed record StreamApplyDocument(IReadOnlyList<StreamApplyRow> Streams);
