using System.CommandLine;
using Arc.Cli.Commands;
using Arc.Platform.Technologies;

namespace Arc.Cli;

/// <summary>
/// Every subcommand, in the order `arc --help` lists them. The commands for declared resources (`streams`,
/// `topics`) and bench's operations come from what the technologies register.
/// </summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(GlobalOptions globals, TechnologyCatalog technologies) =>
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
        .. technologies.DeclaredKinds.Select(kind => DeclaredResourcesCommand.Create(globals, kind)),
        EnvCommand.Create(globals),
        SecretsCommand.Create(globals),
        K8sCommand.Create(globals, technologies),
        BenchCommand.Create(globals, technologies),
    ];
}
