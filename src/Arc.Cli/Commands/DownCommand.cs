using Arc.Platform.Drivers;
using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc down [TARGET...]`: stop; data kept.</summary>
internal static class DownCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("What to stop (default: profile think and every service with a run record)");
        var driver = LifecycleCommand.Driver();
        var command = new Command("down", "Stop services; their data is kept") { targets, driver };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var everyRecorded = (parse.GetValue(targets) ?? []).Length == 0;
            var result = await run.Lifecycle.DownAsync(run.Selection, new DownOptions { Driver = run.Driver, EveryRecorded = everyRecorded }, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        }, async (context, parse, error, cancellationToken) =>
        {
            var keepers = context.Services.RecordStops(context.Root, driver.ValueIn(parse));
            if (keepers.Count == 0)
                throw error;
            await context.Err.WriteLineAsync($"arc: {error.Message}");
            // Named by the drivers that hold records here (docker's engine often holds none of this checkout's).
            var holding = keepers.Where(k => k.Codenames().Count > 0).DefaultIfEmpty(keepers[0]).Select(k => k.DriverName).Distinct();
            await context.Err.WriteLineAsync($"arc: down stops what this checkout's {string.Join(" and ", holding)} run records prove");
            var stop = await RecordOnlyStop.DownAsync(context.Root, keepers, parse.GetValue(targets) ?? [], new LifecycleEventPrinter(context), cancellationToken);
            if (context.Json || stop.Result.Services.Count > 0)
                ServiceReportRendering.Write(context, stop.Result);
            foreach (var target in stop.Unmatched)
                await context.Err.WriteLineAsync($"arc: {target}: no run record, readable service.yaml or profile names it; nothing stopped for it");
            // Stopped or not, the configuration or the command line is still wrong: 2 says so (DESIGN.md §4); 1 when a server still runs.
            return stop.Result.Success ? error.ExitCode : ExitCodes.Failure;
        });
        return command;
    }
}
