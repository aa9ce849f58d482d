using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc secrets rotate [TARGET...]`: new credentials, running servers restarted with them.</summary>
internal static class SecretsCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Whose credentials to rotate (default: profile think)");
        var driver = LifecycleCommand.Driver();
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for a restarted service's health", DefaultValueFactory = _ => 120, HelpName = "SECONDS" };
        var rotate = new Command("rotate", "New generated credentials; running servers restart with them and the old ones are refused") { targets, driver, timeout };
        LifecycleCommand.Bind(rotate, globals, targets, driver, async (run, parse, cancellationToken) =>
        {
            var options = new RotateOptions { Driver = run.Driver, Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))) };
            var result = await run.Lifecycle.RotateSecretsAsync(run.Selection, options, cancellationToken);
            ServiceReportRendering.Write(run.Context, result, withElapsed: true, absent: run.Selection.Absent);
            return LifecycleCommand.ExitCode(result);
        });
        return new Command("secrets", "The generated credentials in .arc/secrets/ (`arc env` prints them)") { rotate };
    }
}
