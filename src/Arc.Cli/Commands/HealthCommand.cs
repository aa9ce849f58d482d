using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc health [TARGET...] [--deep]`: probe now; exit 1 when something is not healthy.</summary>
internal static class HealthCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("What to probe (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var deep = new Option<bool>("--deep") { Description = "Real round trips through each technology's client (request/reply and a persistent publish, write/read/delete, an admin call)" };
        var command = new Command("health", "Probe services; exit 1 when any is unhealthy") { targets, driver, deep };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var result = await run.Lifecycle.HealthAsync(run.Selection, new HealthOptions { Driver = run.Driver, Deep = parse.GetValue(deep) }, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
