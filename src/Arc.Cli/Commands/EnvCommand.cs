using System.CommandLine;
using Arc.Platform;
using Arc.Platform.Connections;
using Arc.Platform.Lifecycle;
using Arc.Cli.Rendering;

namespace Arc.Cli.Commands;

/// <summary>`arc env [TARGET...]`: connection settings of the selected services, for eval, env files or tools.</summary>
internal static class EnvCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var network = new ChoiceOption<NetworkView>("--network",
            "host: 127.0.0.1 and host ports; platform: container names and ports on arc_platform_net",
            [("host", NetworkView.Host), ("platform", NetworkView.Platform)], "host",
            word => $"--network {word}: must be host (this machine) or platform (containers on arc_platform_net)");
        var format = new ChoiceOption<EnvFormatKind>("--format",
            "shell (for eval \"$(arc env)\"), dotenv (KEY=value) or json (--json implies it)",
            [("shell", EnvFormatKind.Shell), ("dotenv", EnvFormatKind.Dotenv), ("json", EnvFormatKind.Json)], "shell",
            word => $"--format {word}: must be shell, dotenv or json");
        var command = new Command("env", "Connection settings: generic (<TECH>_URL ...), .NET (ConnectionStrings__*) and each consumer's own names")
        {
            targets, driver, network, format,
        };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var kind = run.Context.Json ? EnvFormatKind.Json : format.ValueIn(parse);
            var view = network.ValueIn(parse);
            var settings = await ConnectionSettings.ForAsync(run.Lifecycle, run.Registry, run.Selection, run.Driver, view, cancellationToken);
            await run.Context.Out.WriteAsync(EnvFormat.Render(settings, kind));
            return ExitCodes.Success;
        });
        return command;
    }
}
