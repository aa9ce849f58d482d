using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc status`: driver, pid, ports, exporters and health of every service.</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var driver = LifecycleArguments.Driver();
        var command = new Command("status", "Driver, pid, ports, exporters and health of every service") { driver };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var result = await LifecycleArguments.Lifecycle(context, registry)
                .StatusAsync(DriverSelection.Parse(parse.GetValue(driver)!), cancellationToken);
            ServiceReportRendering.Write(context, result);
            return ExitCodes.Success;
        });
        return command;
    }
}
