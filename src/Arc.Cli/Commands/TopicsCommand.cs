using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Cli.Rendering;
using Arc.Platform.Technologies.Pulsar;

namespace Arc.Cli.Commands;

/// <summary>`arc topics list|apply`: Pulsar tenants, namespaces and partitioned topics of services/streaming/topics.yaml.</summary>
internal static class TopicsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("topics", "Pulsar tenants, namespaces and partitioned topics declared in services/streaming/topics.yaml");
        command.Subcommands.Add(List(globals));
        command.Subcommands.Add(Apply(globals));
        return command;
    }

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "Each declared Pulsar resource: whether it exists, and drift");
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            var resources = await TopicsOperations.ListAsync(context.LoadRegistry(), cancellationToken);
            if (context.Json)
            {
                var rows = resources.Select(r => new TopicListRow(Kind(r.Kind), r.Name, r.Exists, r.Drift)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(new TopicListDocument(rows), TopicsJsonContext.Default.TopicListDocument));
            }
            else
            {
                var table = new TextTable("KIND", "NAME", "EXISTS", "DRIFT");
                foreach (var r in resources)
                    table.Add(r.Kind.Label(), r.Name, r.Exists ? "yes" : "no", r.Drift.Count == 0 ? "-" : string.Join("; ", r.Drift));
                table.WriteTo(context.Out);
            }
            return resources.All(r => r.Exists && r.Drift.Count == 0) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Apply(GlobalOptions globals)
    {
        var command = new Command("apply", "Create missing tenants, namespaces and partitioned topics; report drift; never deletes or changes");
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            var outcomes = await TopicsOperations.ApplyAsync(context.LoadRegistry(), cancellationToken);
            if (context.Json)
            {
                var rows = outcomes.Select(o => new TopicApplyRow(Kind(o.Kind), o.Name, o.Action.ToString().ToLowerInvariant(), o.Drift)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(new TopicApplyDocument(rows), TopicsJsonContext.Default.TopicApplyDocument));
            }
            else
            {
                foreach (var outcome in outcomes)
                {
                    context.Out.WriteLine(outcome.ToString());
                    foreach (var drift in outcome.Drift)
                        context.Out.WriteLine($"  drift (not applied): {drift}");
                }
            }
            return outcomes.All(o => o.Drift.Count == 0) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string Kind(PulsarResourceKind kind) => kind.Label().Replace(' ', '_');
}

internal sealed record TopicListRow(string Kind, string Name, bool Exists, IReadOnlyList<string> Drift);

internal sealed record TopicListDocument(IReadOnlyList<TopicListRow> Pulsar);

internal sealed record TopicApplyRow(string Kind, string Name, string Action, IReadOnlyList<string> Drift);

internal sealed record TopicApplyDocument(IReadOnlyList<TopicApplyRow> Pulsar);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TopicListDocument))]
[JsonSerializable(typeof(TopicApplyDocument))]
internal sealed partial class TopicsJsonContext : JsonSerializerContext;
