using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Cli.Commands;

/// <summary>
/// What differs between `arc streams` and `arc topics`: the library calls, and how a listing and an
/// apply are rendered. The list|apply shape itself is <see cref="DeclaredResourcesCommand"/>'s.
/// </summary>
internal sealed record DeclaredResources<TStatus, TOutcome>(
    string Name,
    string Description,
    string ListDescription,
    string ApplyDescription,
    Func<ServiceRegistry, TechnologyCatalog, CancellationToken, Task<IReadOnlyList<TStatus>>> List,
    Func<ServiceRegistry, TechnologyCatalog, CancellationToken, Task<IReadOnlyList<TOutcome>>> Apply)
    where TOutcome : notnull
{
    public required Func<IReadOnlyList<TStatus>, string> ListJson { get; init; }
    public required Func<IReadOnlyList<TStatus>, TextTable> ListTable { get; init; }

    /// <summary>Whether a listed resource is as declared; any that is not makes `list` exit 1.</summary>
    public required Func<TStatus, bool> AsDeclared { get; init; }

    public required Func<IReadOnlyList<TOutcome>, string> ApplyJson { get; init; }
    public required Func<TOutcome, IReadOnlyList<string>> Drift { get; init; }
}

/// <summary>`arc streams|topics list|apply`: list exits 1 when a resource is not as declared, apply when drift remains.</summary>
internal static class DeclaredResourcesCommand
{
    public static Command Create<TStatus, TOutcome>(GlobalOptions globals, DeclaredResources<TStatus, TOutcome> resources) where TOutcome : notnull
    {
        var command = new Command(resources.Name, resources.Description);
        command.Subcommands.Add(Verb(globals, "list", resources.ListDescription, resources.List, resources.ListJson,
            (writer, listed) => resources.ListTable(listed).WriteTo(writer), listed => listed.All(resources.AsDeclared)));
        command.Subcommands.Add(Verb(globals, "apply", resources.ApplyDescription, resources.Apply, resources.ApplyJson,
            (writer, outcomes) => WriteOutcomes(writer, outcomes, resources.Drift), outcomes => outcomes.All(o => resources.Drift(o).Count == 0)));
        return command;
    }

    /// <summary>One subcommand: fetch the rows through the library, print them as JSON or text, exit 1 unless they succeeded.</summary>
    private static Command Verb<T>(GlobalOptions globals, string name, string description,
        Func<ServiceRegistry, TechnologyCatalog, CancellationToken, Task<IReadOnlyList<T>>> fetch,
        Func<IReadOnlyList<T>, string> json, Action<TextWriter, IReadOnlyList<T>> text, Func<IReadOnlyList<T>, bool> succeeded)
    {
        var command = new Command(name, description);
        CommandRunner.Bind(command, globals, async (context, _, cancellationToken) =>
        {
            await using var technologies = context.Services.CreateTechnologies();
            var rows = await fetch(context.LoadRegistry(), technologies, cancellationToken);
            if (context.Json)
                context.Out.WriteLine(json(rows));
            else
                text(context.Out, rows);
            return succeeded(rows) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void WriteOutcomes<TOutcome>(TextWriter writer, IReadOnlyList<TOutcome> outcomes, Func<TOutcome, IReadOnlyList<string>> driftOf) where TOutcome : notnull
    {
        foreach (var outcome in outcomes)
        {
            writer.WriteLine(outcome.ToString());
            foreach (var drift in driftOf(outcome))
                writer.WriteLine($"  drift (not applied): {drift}");
        }
    }
}
