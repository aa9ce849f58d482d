using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc clean [TARGET...] --yes`: stop and delete data; asks first on a terminal, refuses elsewhere.</summary>
internal static class CleanCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Whose data to delete (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking" };
        var images = new Option<bool>("--images") { Description = "Also remove the services' images (docker driver)" };
        var command = new Command("clean", "Stop services and delete their data") { targets, driver, yes, images };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var names = string.Join(", ", run.Selection.Services.Select(s => s.Codename));
            if (!parse.GetValue(yes) && !Confirm(run.Context, names))
                return ExitCodes.Failure;
            var options = new CleanOptions { Driver = run.Driver, RemoveImages = parse.GetValue(images) };
            var result = await run.Lifecycle.CleanAsync(run.Selection, options, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }

    /// <summary>Deleting data is never done on a guess: a script must say --yes.</summary>
    private static bool Confirm(CliContext context, string names)
    {
        if (!context.InIsTerminal)
            throw new UsageException($"clean deletes the data of {names}; stdin is not a terminal, so pass --yes to confirm");
        context.Err.Write($"Stop {names} and delete their data? [y/N] ");
        var answer = context.Console.ReadLine()?.Trim();
        var confirmed = answer is "y" or "Y" or "yes";
        if (!confirmed)
            context.Err.WriteLine("arc: nothing deleted");
        return confirmed;
    }
}
