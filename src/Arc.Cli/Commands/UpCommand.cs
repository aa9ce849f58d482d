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
        var timeout = new RangedOption<int>("--timeout", "Seconds to wait for each service's health (default: its service.yaml timeout:, else 120)", "SECONDS", 1, UpOptions.MaxTimeoutSeconds, unit: "seconds");
        var noWait = new Option<bool>("--no-wait") { Description = "Start and return without waiting for health" };
        var strict = new Option<bool>("--strict") { Description = "A skipped service fails the run even when a profile pulled it in" };
        var insecure = new Option<bool>("--insecure") { Description = "Run without generated credentials: any local user can connect (labelled in progress, status and env)" };
        var ha = new Option<bool>("--ha") { Description = "Run each service whose service.yaml declares an ha: topology as that topology's members (native and docker drivers; the README says what each technology runs)" };
        var command = new Command("up", "Start services, wait until healthy, provision what each declares (streams, topics)") { targets, driver, timeout, noWait, strict, insecure, ha };
        LifecycleCommand.Bind(command, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var options = new UpOptions
            {
                Driver = run.Driver,
                Timeout = timeout.ValueIn(parse) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Wait = !parse.GetValue(noWait),
                Strict = parse.GetValue(strict),
                Insecure = parse.GetValue(insecure),
                Ha = parse.GetValue(ha),
            };
            var result = await run.Lifecycle.UpAsync(run.Selection, options, cancellationToken);
            ServiceReportRendering.Write(run.Context, result, withElapsed: true, absent: run.Selection.Absent);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
