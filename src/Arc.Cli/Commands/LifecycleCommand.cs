using Arc.Platform.Composition;
using Arc.Platform.Drivers;
using System.CommandLine;
using Arc.Cli.Rendering;
using Arc.Platform;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;

namespace Arc.Cli.Commands;

/// <summary>What a lifecycle command works on: the registry, the services its targets resolve to, the driver choice, the lifecycle.</summary>
internal sealed record LifecycleInvocation(CliContext Context, ServiceRegistry Registry, TargetSelection Selection, DriverChoice Driver, ServiceLifecycle Lifecycle);

/// <summary>
/// The step every lifecycle command shares: TARGET... and --driver as parsed values, then load the registry,
/// resolve the targets, wire the lifecycle (disposed when the command ends) and hand all of it to the body.
/// </summary>
internal static class LifecycleCommand
{
    public static Argument<string[]> Targets(string description) => new("TARGET")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>`--driver`: its words and help read the registered drivers (<see cref="DriverCatalog"/>).</summary>
    public static ChoiceOption<DriverChoice> Driver() => new("--driver",
        DriverCatalog.Help(DriverCatalog.All),
        [.. DriverCatalog.Words(DriverCatalog.All).Select(w => (w, new DriverChoice(w)))], DriverChoice.Auto.Name,
        word => $"--driver {word}: expected one of {string.Join(", ", DriverCatalog.Words(DriverCatalog.All))}");

    /// <summary>
    /// Binds <paramref name="body"/>; without <paramref name="targets"/> the selection is every service. When the
    /// registry cannot be loaded or a target is unknown to it, <paramref name="withoutRegistry"/> (if given) runs instead of failing at once.
    /// </summary>
    public static void Bind(Command command, GlobalOptions globals, Argument<string[]>? targets, ChoiceOption<DriverChoice>? driver,
        Func<LifecycleInvocation, ParseResult, CancellationToken, Task<int>> body,
        Func<CliContext, ParseResult, ArcException, CancellationToken, Task<int>>? withoutRegistry = null) =>
        CommandRunner.Bind(command, globals, async (context, parse, cancellationToken) =>
        {
            ServiceRegistry registry;
            TargetSelection selection;
            try
            {
                registry = context.LoadRegistry();
                selection = targets is null
                    ? registry.Resolve([.. registry.Services.Select(s => s.Codename)])
                    : registry.Resolve(parse.GetValue(targets) ?? []);
            }
            catch (ArcException e) when (e is ConfigException or UsageException && withoutRegistry is not null)
            {
                return await withoutRegistry(context, parse, e, cancellationToken);
            }
            var choice = driver?.ValueIn(parse) ?? DriverChoice.Auto;
            await using var lifecycle = context.Services.CreateLifecycle(registry, new LifecycleEventPrinter(context));
            return await body(new LifecycleInvocation(context, registry, selection, choice, lifecycle), parse, cancellationToken);
        });

    public static int ExitCode(LifecycleResult result) => result.Success ? ExitCodes.Success : ExitCodes.Failure;
}
