using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;
using Arc.Platform.Technologies.Nats;

namespace Arc.Cli.Commands;

/// <summary>`arc streams list|apply`: JetStream streams of services/messaging/streams.yaml.</summary>
internal static class StreamsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var command = new Command("streams", "JetStream streams declared in services/messaging/streams.yaml");
        command.Subcommands.Add(List(globals));
        command.Subcommands.Add(Apply(globals));
        return command;
    }

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "Each declared stream as the server has it: messages, bytes, drift");
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            var streams = await StreamsOperations.ListAsync(context.LoadRegistry(), cancellationToken);
            if (context.Json)
            {
                var rows = streams.Select(s => new StreamListRow(s.Name, s.Exists, s.Messages, s.Bytes, s.Drift)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(new StreamListDocument(rows), StreamsJsonContext.Default.StreamListDocument));
            }
            else
            {
                var table = new TextTable("STREAM", "EXISTS", "MESSAGES", "BYTES", "DRIFT");
                foreach (var s in streams)
                    table.Add(s.Name, s.Exists ? "yes" : "no", s.Messages.ToString(), s.Bytes.ToString(), s.Drift.Count == 0 ? "-" : string.Join("; ", s.Drift));
                table.WriteTo(context.Out);
            }
            return streams.All(s => s.Exists) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Apply(GlobalOptions globals)
    {
        var command = new Command("apply", "Create missing streams, update what changed where the server allows it, report drift; never deletes");
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            var outcomes = await StreamsOperations.ApplyAsync(context.LoadRegistry(), cancellationToken);
            if (context.Json)
            {
                var rows = outcomes.Select(o => new StreamApplyRow(o.Name, o.Action.ToString().ToLowerInvariant(), o.Changes, o.Drift)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(new StreamApplyDocument(rows), StreamsJsonContext.Default.StreamApplyDocument));
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
}

internal sealed record StreamListRow(string Name, bool Exists, long Messages, long Bytes, IReadOnlyList<string> Drift);

internal sealed record StreamListDocument(IReadOnlyList<StreamListRow> Streams);

internal sealed record StreamApplyRow(string Name, string Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Drift);

internal sealed record StreamApplyDocument(IReadOnlyList<StreamApplyRow> Streams);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StreamListDocument))]
[JsonSerializable(typeof(StreamApplyDocument))]
internal sealed partial class StreamsJsonContext : JsonSerializerContext;
