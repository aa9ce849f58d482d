using System.CommandLine;
using System.Text.Json.Nodes;
using Arc.Cli.Rendering;
using Arc.Platform.Technologies;

namespace Arc.Cli.Commands;

/// <summary>
/// `arc streams|topics list|apply`, one command per kind of declared resource a technology registers:
/// every service of the kind against its own file. list exits 1 when a resource is not as declared, apply
/// when drift remains. With more than one such service, each one's rows are headed by its codename (text)
/// and carry a "service" field (JSON).
/// </summary>
internal static class DeclaredResourcesCommand
{
    public static Command Create(GlobalOptions globals, DeclaredKind kind)
    {
        var command = new Command(kind.Verb, kind.Description);
        command.Subcommands.Add(Verb(globals, kind, "list", kind.ListDescription, DeclaredResourceOperations.ListAsync,
            row => row.Json, (writer, rows) => WriteTable(writer, kind, rows), row => row.AsDeclared));
        command.Subcommands.Add(Verb(globals, kind, "apply", kind.ApplyDescription, DeclaredResourceOperations.ApplyAsync,
            row => row.Json, WriteOutcomes, row => row.Drift.Count == 0));
        return command;
    }

    /// <summary>One subcommand: fetch every service's rows through the library, print them as JSON or text, exit 1 unless every row succeeded.</summary>
    private static Command Verb<T>(GlobalOptions globals, DeclaredKind kind, string name, string description,
        Func<Arc.Platform.Registry.ServiceRegistry, TechnologyCatalog, string, CancellationToken, Task<IReadOnlyList<ServiceRows<T>>>> fetch,
        Func<T, JsonObject> json, Action<TextWriter, IReadOnlyList<T>> text, Func<T, bool> succeeded)
    {
        var command = new Command(name, description);
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            await using var technologies = context.Services.CreateTechnologies();
            var services = await fetch(context.LoadRegistry(), technologies, kind.Verb, cancellationToken);
            if (context.Json)
                await context.Out.WriteLineAsync(Document(kind, services, json));
            else
                foreach (var service in services)
                {
                    if (services.Count > 1)
                        await context.Out.WriteLineAsync($"{service.Service.Codename}:");
                    text(context.Out, service.Rows);
                }
            return services.All(s => s.Rows.All(succeeded)) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>`{"streams":[...]}`: every service's rows in one document; each row names its service when there are several.</summary>
    private static string Document<T>(DeclaredKind kind, IReadOnlyList<ServiceRows<T>> services, Func<T, JsonObject> json)
    {
        var rows = new JsonArray();
        foreach (var service in services)
            foreach (var row in service.Rows)
            {
                var node = json(row);
                if (services.Count > 1)
                    node["service"] = service.Service.Codename;
                rows.Add((JsonNode)node);
            }
        return new JsonObject { [kind.JsonKey] = rows }.ToJsonString();
    }

    private static void WriteTable(TextWriter writer, DeclaredKind kind, IReadOnlyList<ListedResource> rows)
    {
        var table = new TextTable([.. kind.Headings]);
        foreach (var row in rows)
            table.Add([.. row.Cells]);
        table.WriteTo(writer);
    }

    private static void WriteOutcomes(TextWriter writer, IReadOnlyList<AppliedResource> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            writer.WriteLine(outcome.Line);
            foreach (var drift in outcome.Drift)
                writer.WriteLine($"  drift (not applied): {drift}");
        }
    }
}
