using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc up [TARGET...]`: start, wait until healthy, provision.</summary>
internal static class UpCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var timeout = new RangedOption<int>("--timeout", "Seconds to wait for health", "SECONDS", 1, UpOptions.MaxTimeoutSeconds, defaultValue: 120, unit: "seconds");
        var noWait = new Option<bool>("--no-wait") { Description = "Start and return without waiting for health" };
        var strict = new Option<bool>("--strict") { Description = "A skipped service fails the run even when a profile pulled it in" };
        var command = new Command("up", "Start services, wait until healthy, provision JetStream streams") { targets, driver, timeout, noWait, strict };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var options = new UpOptions
            {
                Driver = run.Driver,
                Timeout = TimeSpan.FromSeconds(timeout.ValueIn(parse)!.Value),
                Wait = !parse.GetValue(noWait),
                Strict = parse.GetValue(strict),
            };
            var result = await run.Lifecycle.UpAsync(run.Selection, options, cancellationToken);
            ServiceReportRendering.Write(run.Context, result, withElapsed: true, absent: run.Selection.Absent);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
