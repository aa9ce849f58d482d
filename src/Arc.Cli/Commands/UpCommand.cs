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
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for health", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var seconds and <= 0)
                result.AddError($"--timeout {seconds}: must be a positive number of seconds");
        });
        var noWait = new Option<bool>("--no-wait") { Description = "Start and return without waiting for health" };
        var strict = new Option<bool>("--strict") { Description = "A skipped service fails the run even when a profile pulled it in" };
        var insecure = new Option<bool>("--insecure") { Description = "Run without generated credentials: any local user can connect (labelled in progress, status and env)" };
        var command = new Command("up", "Start services, wait until healthy, provision JetStream streams") { targets, driver, timeout, noWait, strict, insecure };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var options = new UpOptions
            {
                Driver = run.Driver,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Wait = !parse.GetValue(noWait),
                Strict = parse.GetValue(strict),
                Insecure = parse.GetValue(insecure),
            };
            var result = await run.Lifecycle.UpAsync(run.Selection, options, cancellationToken);
            ServiceReportRendering.Write(run.Context, result, withElapsed: true, absent: run.Selection.Absent);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
