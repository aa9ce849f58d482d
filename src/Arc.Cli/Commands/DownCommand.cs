using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc down [TARGET...]`: stop; data kept.</summary>
internal static class DownCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("What to stop (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var command = new Command("down", "Stop services; their data is kept") { targets, driver };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, _, cancellationToken) =>
        {
            var result = await run.Lifecycle.DownAsync(run.Selection, new DownOptions { Driver = run.Driver }, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
