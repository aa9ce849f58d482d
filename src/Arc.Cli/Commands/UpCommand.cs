using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc up [TARGET...]`: start, wait until healthy, provision.</summary>
internal static class UpCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("Codename, service name, role or profile (default: profile think)");
        var driver = LifecycleArguments.Driver();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for health", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        var noWait = new Option<bool>("--no-wait") { Description = "Start and return without waiting for health" };
        var strict = new Option<bool>("--strict") { Description = "A skipped service fails the run even when a profile pulled it in" };
        var command = new Command("up", "Start services, wait until healthy, provision JetStream streams") { targets, driver, timeout, noWait, strict };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0)
                throw new Platform.Registry.UsageException($"--timeout {seconds}: must be a positive number of seconds");
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var options = new UpOptions
            {
                Driver = DriverSelection.Parse(parse.GetValue(driver)!),
                Timeout = TimeSpan.FromSeconds(seconds),
                Wait = !parse.GetValue(noWait),
                Strict = parse.GetValue(strict),
            };
            var result = await LifecycleArguments.Lifecycle(context, registry).UpAsync(selection, options, cancellationToken);
            ServiceReportRendering.Write(context, result, withElapsed: true, absent: selection.Absent);
            return LifecycleArguments.ExitCode(result);
        });
        return command;
    }
}
