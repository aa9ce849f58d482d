using System.CommandLine;
using Arc.Platform.Connections;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc env [TARGET...]`: connection settings of the selected services, for eval, env files or tools.</summary>
internal static class EnvCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleArguments.Driver();
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
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var kind = context.Json ? EnvFormatKind.Json : EnvFormat.Parse(parse.GetValue(format)!);
            var view = ConnectionSettings.ParseNetwork(parse.GetValue(network)!);
            var settings = await ConnectionSettings.ForAsync(context.LoadRegistry(), parse.GetValue(targets) ?? [],
                DriverSelection.Parse(parse.GetValue(driver)!), view, cancellationToken);
            await context.Out.WriteAsync(EnvFormat.Render(settings, kind));
            return ExitCodes.Success;
        });
        return command;
    }
}
