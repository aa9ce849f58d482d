using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc status`: every service of the registry with its driver, pid or container, ports and health; exit 1 when one is not healthy.</summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var driver = LifecycleCommand.Driver();
        var command = new Command("status", "Driver, pid, ports, exporters and health of every service; exit 1 when any is not healthy") { driver };
        LifecycleCommand.Bind(command, globals, targets: null, driver, async (run, _, cancellationToken) =>
        {
            var result = await run.Lifecycle.StatusAsync(new StatusOptions { Driver = run.Driver }, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
