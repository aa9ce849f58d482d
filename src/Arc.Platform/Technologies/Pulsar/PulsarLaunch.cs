using Arc.Platform.Text;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Pulsar standalone from an install under PULSAR_HOME: the compose command's <c>bin/pulsar …</c>
/// resolved under that install, its environment (PULSAR_MEM), and a generated copy of the
/// install's conf/standalone.conf that moves the broker and web service to the host ports on
/// 127.0.0.1. Data goes under the service's data directory, never into the install.
/// </summary>
internal static class PulsarLaunch
{
    public const string HomeVariable = "PULSAR_HOME";
    private const string Launcher = "bin/pulsar";
    private const string Remedy = "install Apache Pulsar and set PULSAR_HOME to it";

    public static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        Plan(service, compose, context, Environment.GetEnvironmentVariable(HomeVariable), JavaIsAvailable);

    /// <param name="javaIsAvailable">Whether a Java runtime is installed (tests substitute either answer).</param>
    internal static NativeLaunchPlan Plan(ServiceDefinition service, ComposeService compose, NativeLaunchContext context,
        string? pulsarHome, Func<bool> javaIsAvailable)
    {
        var launcherArguments = LauncherArguments(compose);
        if (string.IsNullOrEmpty(pulsarHome))
            return NativeLaunchPlan.Missing($"Pulsar is not installed: {Remedy}");
        var executable = Path.Combine(pulsarHome, Launcher);
        var template = Path.Combine(pulsarHome, "conf", "standalone.conf");
        if (ExecutableLocator.Find(executable) is null || !File.Exists(template))
            return NativeLaunchPlan.Missing($"PULSAR_HOME={pulsarHome} holds no {Launcher} and conf/standalone.conf: {Remedy}");
        if (!javaIsAvailable())
            return NativeLaunchPlan.Missing("Pulsar needs Java 17+: run `sudo apt-get install -y openjdk-17-jre-headless`");

        var brokerPort = service.Port("broker").Host;
        var adminPort = service.HealthPort.Host;
        var config = Path.Combine(context.DataDirectory, "standalone.conf");
        var flags = new CommandLineFlags(launcherArguments);
        flags.Set(config, "--config", "-c");
        flags.Set(Path.Combine(context.DataDirectory, "metadata"), "--metadata-dir");
        flags.Set(Path.Combine(context.DataDirectory, "bookkeeper"), "--bookkeeper-dir");
        flags.Set(ServiceEndpoint.LoopbackHost, "--advertised-address", "-a");

        var environment = new Dictionary<string, string>(compose.Environment, StringComparer.Ordinal)
        {
            // bin/pulsar writes its own log files under PULSAR_HOME/logs by default; keep them with the data.
            ["PULSAR_LOG_DIR"] = Path.Combine(context.DataDirectory, "logs"),
        };
        var content = StandaloneConfig.Rewrite(File.ReadAllText(template), new Dictionary<string, string>
        {
            ["bindAddress"] = ServiceEndpoint.LoopbackHost,
            ["advertisedAddress"] = ServiceEndpoint.LoopbackHost,
            ["brokerServicePort"] = brokerPort.ToString(),
            ["webServicePort"] = adminPort.ToString(),
        });
        return new NativeLaunchPlan(executable, flags.Arguments, environment, null, [])
        {
            Files = new Dictionary<string, string> { [config] = content },
        };
    }

    /// <summary>
    /// The words after <c>bin/pulsar</c> in the compose command, which may be a vector or a
    /// <c>sh -c "… &amp;&amp; bin/pulsar standalone …"</c> script (the image's config step is skipped: the
    /// generated config replaces it).
    /// </summary>
    internal static IReadOnlyList<string> LauncherArguments(ComposeService compose)
    {
        var words = compose.Command;
        if (words.Count >= 3 && Path.GetFileName(words[0]) is "sh" or "bash" && words[1] == "-c")
            words = ShellWords.Split(words[2]);
        var start = -1;
        for (var i = 0; i < words.Count; i++)
            if (words[i] == Launcher || words[i].EndsWith("/" + Launcher, StringComparison.Ordinal))
                start = i;
        if (start < 0)
        {
            var node = compose.Get("command") ?? compose.KeyNode;
            throw new ConfigException(compose.File, Yml.Line(node), Yml.Column(node),
                $"service '{compose.Name}' does not run {Launcher}; the native driver cannot derive a Pulsar command line");
        }
        return [.. words.Skip(start + 1).TakeWhile(w => w is not ("&&" or ";" or "||" or "|"))];
    }

    private static bool JavaIsAvailable()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        return !string.IsNullOrEmpty(javaHome) && ExecutableLocator.Find(Path.Combine(javaHome, "bin", "java")) is not null
            || ExecutableLocator.Find("java") is not null;
    }
}
