using System.CommandLine;

namespace Arc.Cli;

/// <summary>The `arc` command tree. Public so tests can run the CLI in-process.</summary>
public static class ArcApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, ArcServices.Real(), cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, ArcServices services, CancellationToken cancellationToken)
    {
        var globals = new GlobalOptions(services);
        var root = new RootCommand("arc — run, check and verify the A.R.C. messaging & cache layer.");
        globals.AddTo(root);
        // Only read for the commands' words (the verbs of declared resources, bench's operations): nothing is opened.
        await using var technologies = services.CreateTechnologies();
        foreach (var command in CommandCatalog.Create(globals, technologies))
            root.Subcommands.Add(command);

        // No response files: `@path` is a word like any other. System.CommandLine would read the file in its
        // place, and a directory or an unreadable file escaped the parser as an unhandled exception.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                await error.WriteLineAsync($"arc: {problem.Message}");
            await error.WriteLineAsync("Run 'arc --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}
