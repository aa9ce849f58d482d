using System.CommandLine;
using Arc.Platform.Registry;

namespace Arc.Cli;

/// <summary>Options every command accepts: --root, --json, --no-color; and what the tree is wired with.</summary>
public sealed class GlobalOptions(ArcServices services)
{
    public Option<string?> Root { get; } = new("--root")
    {
        Description = "Repository root (default: nearest ancestor of the working directory holding services/profiles.yaml)",
        Recursive = true,
        HelpName = "DIR",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print exactly one JSON document on stdout",
        Recursive = true,
    };

    public Option<bool> NoColor { get; } = new("--no-color")
    {
        Description = "Plain output without ANSI colours (also when NO_COLOR is set)",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Root);
        root.Options.Add(Json);
        root.Options.Add(NoColor);
    }

    public CliContext Context(ParseResult parse)
    {
        var configuration = parse.InvocationConfiguration;
        var noColor = parse.GetValue(NoColor) || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        return new CliContext(parse.GetValue(Root), parse.GetValue(Json), noColor, configuration.Output, configuration.Error, services);
    }
}

/// <summary>What a command needs from the invocation: where the repo is, how to print.</summary>
public sealed class CliContext(string? explicitRoot, bool json, bool noColor, TextWriter output, TextWriter error, ArcServices services)
{
    private string? _root;

    public bool Json { get; } = json;
    public bool Color { get; } = !noColor && services.Console.IsTerminal(error);
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    public ArcServices Services { get; } = services;
    public IConsoleIO Console => Services.Console;
    public bool ErrIsTerminal => Console.IsTerminal(Err);
    public bool InIsTerminal => Console.InputIsTerminal;

    public string Root => _root ??= RepositoryRoot.Find(explicitRoot, Directory.GetCurrentDirectory());

    public ServiceRegistry LoadRegistry() => ServiceRegistry.Load(Root);
}
