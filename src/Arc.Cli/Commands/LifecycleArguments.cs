using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform.Lifecycle;

namespace Arc.Cli.Commands;

/// <summary>What the lifecycle commands share: TARGET..., --driver, and how they build the lifecycle.</summary>
internal static class LifecycleArguments
{
    public static Argument<string[]> Targets(string description) => new("TARGET")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string> Driver() => new("--driver")
    {
        Description = "auto (docker where an engine answers, else native), native or docker",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|native|docker",
    };

    public static ServiceLifecycle Lifecycle(CliContext context, Platform.Registry.ServiceRegistry registry) =>
        LifecycleFactory.Create(registry, new LifecycleEventPrinter(context));

    public static int ExitCode(LifecycleResult result) => result.Success ? ExitCodes.Success : ExitCodes.Failure;
}
