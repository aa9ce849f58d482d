using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc down [TARGET...]`: stop; data kept.</summary>
internal static class DownCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("What to stop (default: profile think)");
        var driver = LifecycleArguments.Driver();
        var command = new Command("down", "Stop services; their data is kept") { targets, driver };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var result = await LifecycleArguments.Lifecycle(context, registry)
                .DownAsync(selection, DriverSelection.Parse(parse.GetValue(driver)!), cancellationToken);
            ServiceReportRendering.Write(context, result);
            return LifecycleArguments.ExitCode(result);
        });
        return command;
    }
}
