using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;

namespace Arc.Cli.Commands;

/// <summary>`arc clean [TARGET...] --yes`: stop and delete data; asks first on a terminal, refuses elsewhere.</summary>
internal static class CleanCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("Whose data to delete (default: profile think)");
        var driver = LifecycleArguments.Driver();
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking" };
        var images = new Option<bool>("--images") { Description = "Also remove the services' images (docker driver)" };
        var command = new Command("clean", "Stop services and delete their data") { targets, driver, yes, images };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var names = string.Join(", ", selection.Services.Select(s => s.Codename));
            if (!parse.GetValue(yes) && !Confirm(context, names))
                return ExitCodes.Failure;
            var result = await LifecycleArguments.Lifecycle(context, registry)
                .CleanAsync(selection, DriverSelection.Parse(parse.GetValue(driver)!), parse.GetValue(images), cancellationToken);
            ServiceReportRendering.Write(context, result);
            return LifecycleArguments.ExitCode(result);
        });
        return command;
    }

    /// <summary>Deleting data is never done on a guess: a script must say --yes.</summary>
    private static bool Confirm(CliContext context, string names)
    {
        if (!context.InIsTerminal)
            throw new UsageException($"clean deletes the data of {names}; stdin is not a terminal, so pass --yes to confirm");
        context.Err.Write($"Stop {names} and delete their data? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        var confirmed = answer is "y" or "Y" or "yes";
        if (!confirmed)
            context.Err.WriteLine("arc: nothing deleted");
        return confirmed;
    }
}
