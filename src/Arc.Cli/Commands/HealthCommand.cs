using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc health [TARGET...] [--deep]`: probe now; exit 1 when something is not healthy.</summary>
internal static class HealthCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("What to probe (default: profile think)");
        var driver = LifecycleArguments.Driver();
        var deep = new Option<bool>("--deep") { Description = "Real round trips: NATS request/reply and JetStream publish, Redis SET/GET/DEL, Pulsar admin" };
        var command = new Command("health", "Probe services; exit 1 when any is unhealthy") { targets, driver, deep };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var result = await LifecycleArguments.Lifecycle(context, registry)
                .HealthAsync(selection, parse.GetValue(deep), DriverSelection.Parse(parse.GetValue(driver)!), cancellationToken);
            ServiceReportRendering.Write(context, result);
            return LifecycleArguments.ExitCode(result);
        });
        return command;
    }
}
