using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>`arc build [TARGET...] [--no-cache]`: build the services' images (docker driver; the `-build` / `-build-fresh` targets).</summary>
internal static class BuildCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleCommand.Targets("Whose images to build (default: profile think)");
        var noCache = new Option<bool>("--no-cache") { Description = "Rebuild every layer instead of reusing the build cache" };
        var command = new Command("build", "Build the services' images with the docker driver") { targets, noCache };
        LifecycleCommand.Bind(command, globals, targets, driver: null, async (run, parse, cancellationToken) =>
        {
            var result = await run.Lifecycle.BuildAsync(run.Selection, new BuildOptions { NoCache = parse.GetValue(noCache) }, cancellationToken);
            ServiceReportRendering.Write(run.Context, result);
            return LifecycleCommand.ExitCode(result);
        });
        return command;
    }
}
