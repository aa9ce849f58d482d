using Arc.Platform.Text;
using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Technologies.Pulsar;

/// <summary>
/// Pulsar standalone from an install under PULSAR_HOME: the compose command's <c>bin/pulsar …</c>
/// resolved under that install, its environment (PULSAR_MEM), and a generated copy of the
/// install's conf/standalone.conf that moves the broker and web service to the host ports on
/// the listen address. Data goes under the service's data directory, never into the install.
/// </summary>
internal static class PulsarLaunch
{
    public const string HomeVariable = "PULSAR_HOME";
    private const string Launcher = "bin/pulsar";
    private const string Remedy = "install Apache Pulsar and set PULSAR_HOME to it";

    public static LaunchFacts Facts(ServiceDefinition service) =>
        Facts(service, Environment.GetEnvironmentVariable(HomeVariable), JavaIsAvailable);

    /// <param name="pulsarHome">The install (PULSAR_HOME); null or empty: not installed.</param>
    /// <param name="javaIsAvailable">Whether a Java runtime is installed (tests substitute either answer).</param>
    internal static LaunchFacts Facts(ServiceDefinition service, string? pulsarHome, Func<bool> javaIsAvailable) => new(Launcher, Package: null)
    {
        Arguments = LauncherArguments,
        Installation = () => Installed(pulsarHome, javaIsAvailable),
        Flags =
        [
            new FileFlag("standalone.conf", input => StandaloneConfig.Rewrite(File.ReadAllText(Template(pulsarHome!)), new Dictionary<string, string>
            {
                ["bindAddress"] = input.ListenAddress,
                ["advertisedAddress"] = input.ListenAddress,
                ["brokerServicePort"] = service.Port("broker").Host.ToString(),
                ["webServicePort"] = service.HealthPort.Host.ToString(),
            }), ["--config", "-c"]),
            new DataDirectoryFlag(["--metadata-dir"], "metadata"),
            new DataDirectoryFlag(["--bookkeeper-dir"], "bookkeeper"),
            new ListenAddressFlag(["--advertised-address", "-a"]),
        ],
        PassesComposeEnvironment = true,
        // bin/pulsar writes its own log files under PULSAR_HOME/logs by default; keep them with the data.
        DataDirectoryVariables = [("PULSAR_LOG_DIR", "logs")],
    };

    private static string Template(string pulsarHome) => Path.Combine(pulsarHome, "conf", "standalone.conf");

    /// <summary>bin/pulsar under PULSAR_HOME beside the conf/standalone.conf the generated one is copied from, and Java.</summary>
    private static InstalledProgram Installed(string? pulsarHome, Func<bool> javaIsAvailable)
    {
        if (string.IsNullOrEmpty(pulsarHome))
            return new InstalledProgram(null, $"Pulsar is not installed: {Remedy}");
        var executable = Path.Combine(pulsarHome, Launcher);
        if (ExecutableLocator.Find(executable) is null || !File.Exists(Template(pulsarHome)))
            return new InstalledProgram(null, $"PULSAR_HOME={pulsarHome} holds no {Launcher} and conf/standalone.conf: {Remedy}");
        if (!javaIsAvailable())
            return new InstalledProgram(null, "Pulsar needs Java 17+: run `sudo apt-get install -y openjdk-17-jre-headless`");
        return new InstalledProgram(executable, null);
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
