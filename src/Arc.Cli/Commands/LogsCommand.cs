using System.CommandLine;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc logs [TARGET...] [-f]`: the services' logs, each line prefixed with its codename.</summary>
internal static class LogsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Whose logs (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var command = new Command("logs", "Print the services' logs, each line prefixed with its codename") { targets, driver, follow };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var options = new LogOptions { Driver = run.Driver, Follow = parse.GetValue(follow) };
            try
            {
                await foreach (var line in run.Lifecycle.LogsAsync(run.Selection, options, cancellationToken))
                    await run.Context.Out.WriteLineAsync(line);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && options.Follow)
            {
                // Ctrl-C is how one leaves `logs -f`: not an error.
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
