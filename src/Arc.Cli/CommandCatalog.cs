using System.CommandLine;
using Arc.Cli.Commands;

namespace Arc.Cli;

/// <summary>Every subcommand, in the order `arc --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(GlobalOptions globals) =>
    [
        ServicesCommand.Create(globals),
        ProfilesCommand.Create(globals),
        VerifyCommand.Create(globals),
        UpCommand.Create(globals),
        DownCommand.Create(globals),
        CleanCommand.Create(globals),
        BuildCommand.Create(globals),
        HealthCommand.Create(globals),
        StatusCommand.Create(globals),
        LogsCommand.Create(globals),
        StreamsCommand.Create(globals),
        EnvCommand.Create(globals),
        TopicsCommand.Create(globals),
        K8sCommand.Create(globals),
        BenchCommand.Create(globals),
    ];
}
