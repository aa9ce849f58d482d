using System.CommandLine;
using Arc.Cli.Rendering;

namespace Arc.Cli.Commands;

/// <summary>`arc build [TARGET...] [--no-cache]`: build the services' images (docker driver; the `-build` / `-build-fresh` targets).</summary>
internal static class BuildCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var targets = LifecycleArguments.Targets("Whose images to build (default: profile think)");
        var noCache = new Option<bool>("--no-cache") { Description = "Rebuild every layer instead of reusing the build cache" };
        var command = new Command("build", "Build the services' images with the docker driver") { targets, noCache };
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            var registry = context.LoadRegistry();
            var selection = registry.Resolve(parse.GetValue(targets) ?? []);
            var result = await LifecycleArguments.Lifecycle(context, registry).BuildAsync(selection, parse.GetValue(noCache), cancellationToken);
            ServiceReportRendering.Write(context, result);
            return LifecycleArguments.ExitCode(result);
        });
        return command;
    }
}
