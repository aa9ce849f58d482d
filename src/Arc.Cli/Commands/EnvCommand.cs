using System.CommandLine;
using Arc.Platform;
using Arc.Platform.Connections;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc env [TARGET...]`: connection settings of the selected services, for eval, env files or tools.</summary>
internal static class EnvCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var network = new Option<string>("--network")
        {
            Description = "host: 127.0.0.1 and host ports; platform: container names and ports on arc_platform_net",
            DefaultValueFactory = _ => "host",
            HelpName = "host|platform",
        };
        var format = new Option<string>("--format")
        {
            Description = "shell (for eval \"$(arc env)\"), dotenv (KEY=value) or json (--json implies it)",
            DefaultValueFactory = _ => "shell",
            HelpName = "shell|dotenv|json",
        };
        var command = new Command("env", "Connection settings: generic (NATS_URL ...), .NET (ConnectionStrings__*) and each consumer's own names")
        {
            targets, driver, network, format,
        };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var kind = run.Context.Json ? EnvFormatKind.Json : Format(parse.GetValue(format)!);
            var view = Network(parse.GetValue(network)!);
            var settings = await ConnectionSettings.ForAsync(run.Lifecycle, run.Registry, run.Selection, run.Driver, view, cancellationToken);
            await run.Context.Out.WriteAsync(EnvFormat.Render(settings, kind));
            return ExitCodes.Success;
        });
        return command;
    }

    private static EnvFormatKind Format(string text) => text switch
    {
        "shell" => EnvFormatKind.Shell,
        "dotenv" => EnvFormatKind.Dotenv,
        "json" => EnvFormatKind.Json,
        _ => throw new UsageException($"--format {text}: must be shell, dotenv or json"),
    };

    private static NetworkView Network(string text) => text switch
    {
        "host" => NetworkView.Host,
        "platform" => NetworkView.Platform,
        _ => throw new UsageException($"--network {text}: must be host (this machine) or platform (containers on arc_platform_net)"),
    };
}
