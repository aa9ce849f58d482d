using System.CommandLine;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc logs [TARGET...] [-f]`: the services' logs, each line prefixed with its codename.</summary>
internal static class LogsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("Whose logs (default: profile think)");
        var driver = LifecycleArguments.Driver();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var command = new Command("logs", "Print the services' logs, each line prefixed with its codename") { targets, driver, follow };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var lifecycle = LifecycleArguments.Lifecycle(context, registry);
            try
            {
                await foreach (var line in lifecycle.LogsAsync(selection, parse.GetValue(follow), DriverSelection.Parse(parse.GetValue(driver)!), cancellationToken))
                    await context.Out.WriteLineAsync(line);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && parse.GetValue(follow))
            {
                // Ctrl-C is how one leaves `logs -f`: not an error.
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
