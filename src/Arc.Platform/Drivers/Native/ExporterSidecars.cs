using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// A metrics exporter beside a local server, configured as the compose file configures its container (its command
/// and environment), with the server's address and its own listener moved to loopback.
/// </summary>
internal static class ExporterSidecars
{
    /// <param name="serverPorts">The server's host ports by service.yaml name, as its own flags set them.</param>
    /// <param name="files">The server's generated files: an exporter's password file joins them.</param>
    public static List<NativeLaunchPlan> Plan(IReadOnlyList<ExporterFacts> exporters, ServiceDefinition service, IReadOnlyDictionary<string, int> serverPorts,
        NativeLaunchContext context, Dictionary<string, string> files, Func<string, string?> locate)
    {
        List<NativeLaunchPlan> sidecars = [];
        foreach (var facts in exporters)
        {
            if (service.Metrics is not { } metrics || metrics.Exporter != facts.Program || locate(facts.Program) is not { } executable
                || ExporterCompose.Find(service) is not { } compose)
                continue;
            var serverPort = serverPorts.TryGetValue(facts.TargetPort, out var port) ? port : service.Port(facts.TargetPort).Host;
            var target = ServiceEndpoint.Loopback(serverPort).Url(facts.TargetScheme);
            var listen = ServiceEndpoint.Loopback(metrics.Port).ToString();
            var environment = Environment(facts, compose.Environment, target, listen, context, files);
            sidecars.Add(new NativeLaunchPlan(executable, Arguments(facts, compose.Command, target, metrics.Port, listen), environment, null, []));
        }
        return sidecars;
    }

    private static List<string> Arguments(ExporterFacts facts, IReadOnlyList<string> command, string target, int metricsPort, string listen)
    {
        // A positional target URL goes last (Go's flag parser stops at the first positional argument).
        var flags = new CommandLineFlags(facts.TargetIsLastArgument ? command.Where(a => !a.Contains("://", StringComparison.Ordinal)) : command);
        if (facts.PortFlag.Count > 0)
            flags.Set(metricsPort.ToString(), [.. facts.PortFlag]);
        if (facts.HostFlag.Count > 0)
            flags.Set(ServiceEndpoint.LoopbackHost, [.. facts.HostFlag]);
        if (facts.TargetFlag.Count > 0 && flags.Has([.. facts.TargetFlag]))
            flags.Set(target, [.. facts.TargetFlag]);
        if (facts.ListenAddressFlag.Count > 0 && flags.Has([.. facts.ListenAddressFlag]))
            flags.Set(listen, [.. facts.ListenAddressFlag]);
        return facts.TargetIsLastArgument ? [.. flags.Arguments, target] : [.. flags.Arguments];
    }

    private static Dictionary<string, string> Environment(ExporterFacts facts, IReadOnlyDictionary<string, string> composeEnvironment,
        string target, string listen, NativeLaunchContext context, Dictionary<string, string> files)
    {
        if (!facts.PassesComposeEnvironment)
            return [];
        var environment = new Dictionary<string, string>(composeEnvironment, StringComparer.Ordinal);
        if (facts.TargetVariable is { } targetVariable)
            environment[targetVariable] = target;
        if (facts.ListenAddressVariable is { } listenVariable)
            environment[listenVariable] = listen;
        foreach (var name in facts.ContainerOnlyVariables)
            environment.Remove(name);
        // The service's second user is its exporter's read-only one; its password from a file, never the environment.
        if (facts.Credentials is { } credentials && context.Credentials?.Users.Skip(1).FirstOrDefault() is { } user)
        {
            var passwordFile = Path.Combine(context.DataDirectory, credentials.FileName);
            files[passwordFile] = credentials.PasswordFile(target, user);
            environment[credentials.UserVariable] = user.User;
            environment[credentials.PasswordFileVariable] = passwordFile;
            environment.Remove(credentials.PasswordVariable);
        }
        return environment;
    }
}
