using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Yaml;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Pulsar;

[Trait("Tier", "unit")]
public class PulsarLaunchTests
{
    // A few lines in the shape of Pulsar's conf/standalone.conf (hand-written test data, not the shipped file).
    private const string StandaloneConf = """
        # Hostname or IP address the service binds on, default is 0.0.0.0.
        bindAddress=0.0.0.0
        advertisedAddress=
        brokerServicePort=6650
        webServicePort=8080
        clusterName=standalone
        """;

    [Fact]
    public void Without_PULSAR_HOME_the_service_is_skipped_with_the_install_step()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose, temp);

        var plan = LaunchPlans.Pulsar(SampleServices.Pulsar(16650, 18082), compose, new NativeLaunchContext("/d", "/l"), null, () => true);

        Assert.Equal("Pulsar is not installed: install Apache Pulsar and set PULSAR_HOME to it", plan.MissingRuntimeRemedy);
    }

    [Fact]
    public void A_PULSAR_HOME_without_an_install_is_skipped_naming_the_directory()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose, temp);

        var plan = LaunchPlans.Pulsar(SampleServices.Pulsar(16650, 18082), compose, new NativeLaunchContext("/d", "/l"), temp.Sub("empty"), () => true);

        Assert.Contains($"PULSAR_HOME={temp.Path}/empty holds no bin/pulsar", plan.MissingRuntimeRemedy);
    }

    [Fact]
    public void Without_java_the_service_is_skipped_with_the_apt_get_remedy()
    {
        using var temp = new TempDirectory();
        var home = FakeInstall(temp);
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose, temp);

        var plan = LaunchPlans.Pulsar(SampleServices.Pulsar(16650, 18082), compose, new NativeLaunchContext("/d", "/l"), home, () => false);

        Assert.Contains("apt-get install -y openjdk-17-jre-headless", plan.MissingRuntimeRemedy);
    }

    [Fact]
    public void Plan_runs_the_compose_command_under_PULSAR_HOME_with_a_generated_loopback_config()
    {
        using var temp = new TempDirectory();
        var home = FakeInstall(temp);
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose, temp);
        var data = Path.Combine(temp.Path, "data");

        var plan = LaunchPlans.Pulsar(SampleServices.Pulsar(16650, 18082), compose, new NativeLaunchContext(data, "/l"), home, () => true);

        Assert.Null(plan.MissingRuntimeRemedy);
        Assert.Equal(Path.Combine(home, "bin", "pulsar"), plan.Executable);
        Assert.Equal(
        [
            "standalone", "--no-functions-worker",
            "--config", Path.Combine(data, "standalone.conf"),
            "--metadata-dir", Path.Combine(data, "metadata"),
            "--bookkeeper-dir", Path.Combine(data, "bookkeeper"),
            "--advertised-address", "127.0.0.1",
        ], plan.Arguments);
        Assert.Equal("-Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m", plan.Environment["PULSAR_MEM"]);
        Assert.Equal(Path.Combine(data, "logs"), plan.Environment["PULSAR_LOG_DIR"]);

        Arc.Platform.Drivers.Native.GeneratedFiles.Write(plan.Files);
        var config = StandaloneConfig.Read(File.ReadAllText(Path.Combine(data, "standalone.conf")));
        Assert.Equal("127.0.0.1", config["bindAddress"]);
        Assert.Equal("127.0.0.1", config["advertisedAddress"]);
        Assert.Equal("16650", config["brokerServicePort"]);
        Assert.Equal("18082", config["webServicePort"]);
        Assert.Equal("standalone", config["clusterName"]);
    }

    [Fact]
    public void Launcher_arguments_are_found_inside_a_shell_script_command()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose.Replace(
            "[\"bin/pulsar\", \"standalone\", \"--no-functions-worker\"]",
            "[\"sh\", \"-c\", \"bin/apply-config-from-env.py conf/standalone.conf && exec bin/pulsar standalone --no-functions-worker\"]"), temp);

        Assert.Equal(["standalone", "--no-functions-worker"], PulsarLaunch.LauncherArguments(compose));
    }

    [Fact]
    public void A_compose_command_that_does_not_run_bin_pulsar_is_a_located_error()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.PulsarCompose.Replace("bin/pulsar", "bin/other"), temp);

        var error = Assert.Throws<ConfigException>(() => PulsarLaunch.LauncherArguments(compose));

        Assert.Equal(4, error.Line);
        Assert.Contains("does not run bin/pulsar", error.Message);
    }

    [Fact]
    public void Config_rewrite_keeps_unrelated_lines_and_appends_missing_keys()
    {
        var rewritten = StandaloneConfig.Rewrite("# comment\nclusterName=standalone\n", new Dictionary<string, string> { ["webServicePort"] = "18082" });

        Assert.StartsWith("# comment\nclusterName=standalone\n", rewritten);
        Assert.Equal("18082", StandaloneConfig.Read(rewritten)["webServicePort"]);
    }

    private static string FakeInstall(TempDirectory temp)
    {
        var home = temp.Sub("pulsar");
        Directory.CreateDirectory(Path.Combine(home, "bin"));
        Directory.CreateDirectory(Path.Combine(home, "conf"));
        var launcher = Path.Combine(home, "bin", "pulsar");
        File.WriteAllText(launcher, "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(home, "conf", "standalone.conf"), StandaloneConf);
        return home;
    }
}
