using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Yaml;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The native driver's one way to a process's launch plan: the service's technology declares the facts of its
/// server (<see cref="INativeLaunchFacts"/>), and this turns them into a local command line — the compose command
/// with host ports, the data directory and a loopback listener swapped in, container-only flags dropped, generated
/// files and exporter sidecars planned. A technology that declares none cannot run as a local process; the plan says
/// so: the driver skips the service as for a missing runtime, its remedy pointing at the docker driver.
/// </summary>
public static class NativeLaunchPlanner
{
    public static NativeLaunchPlan Plan(ITechnology technology, ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        technology is INativeLaunchFacts facts
            ? Plan(facts.LaunchFactsOf(service, compose), service, compose, context)
            : NativeLaunchPlan.Missing($"{technology.Tech} cannot run as a local process");

    /// <summary>The local command line <paramref name="facts"/> describe for <paramref name="service"/>.</summary>
    public static NativeLaunchPlan Plan(LaunchFacts facts, ServiceDefinition service, ComposeService compose, NativeLaunchContext context)
    {
        var (program, arguments) = ServerArguments(facts, compose);
        var locate = context.Locate ?? ExecutableLocator.Find;
        var installed = facts.Installation is { } installation ? installation() : new InstalledProgram(locate(program), null);
        if (installed.Executable is not { } executable)
            return NativeLaunchPlan.Missing(installed.Remedy ?? NotInstalled(program, facts.Package));

        var edited = ArgumentEditor.Apply(facts.Flags, arguments, service, compose, context);
        var files = edited.Files;
        var sidecars = ExporterSidecars.Plan(facts.Exporters, service, edited.Ports, context, files, locate);
        var serverArguments = edited.Arguments;
        List<string> serverWritable = [];
        if (facts.ConfigArgument is { } owned)
        {
            var config = Path.Combine(context.DataDirectory, owned.FileName);
            var input = ArgumentEditor.Input(context, null);
            files[config] = ServerOwnedConfig.Merge(config, owned.Initial(input), owned.OwnedPrefixes, owned.OwnedLines(input));
            serverArguments = [config, .. serverArguments];
            serverWritable.Add(config);
        }
        return new NativeLaunchPlan(executable, serverArguments, Environment(facts, compose, context), null, sidecars)
        {
            Files = files,
            ServerWritable = serverWritable,
            FirstRestartDelaySeconds = facts.FirstRestartDelaySeconds,
        };
    }

    private static string NotInstalled(string program, string? package) =>
        package is null ? $"{program} is not installed" : $"{program} is not installed: run `sudo apt-get install -y {package}`";

    /// <summary>
    /// The program and arguments the compose command gives: upstream images prefix a command that starts with a flag
    /// with their server, so it is named first or implied (<see cref="ServerCommand"/> refuses any other program).
    /// </summary>
    private static (string Program, IReadOnlyList<string> Arguments) ServerArguments(LaunchFacts facts, ComposeService compose)
    {
        if (facts.Arguments is { } own)
            return (facts.Program, own(compose));
        var command = ServerCommand.From(compose, facts.Program);
        var arguments = command.Arguments;
        if (facts.RefusesPositionalConfig && arguments.Count > 0 && !arguments[0].StartsWith('-'))
        {
            // A first positional argument is a config file inside the image.
            var node = compose.Get("command") ?? compose.KeyNode;
            throw new ConfigException(compose.File, Yml.Line(node), Yml.Column(node),
                $"service '{compose.Name}' passes {facts.Program} a config file ('{arguments[0]}'); the native driver needs the settings as --flags");
        }
        return (command.Binary, arguments);
    }

    private static Dictionary<string, string> Environment(LaunchFacts facts, ComposeService compose, NativeLaunchContext context)
    {
        if (!facts.PassesComposeEnvironment && facts.DataDirectoryVariables.Count == 0)
            return [];
        var environment = facts.PassesComposeEnvironment
            ? new Dictionary<string, string>(compose.Environment, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, under) in facts.DataDirectoryVariables)
            environment[name] = Path.Combine(context.DataDirectory, under);
        return environment;
    }
}
