using Arc.Platform.Compose;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Yaml;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Nats;

[Trait("Tier", "unit")]
public class NatsLaunchTests
{
    // Flags the native driver must rewrite for the host; every other compose flag must survive verbatim.
    private static readonly string[] HostSpecificFlags = ["--port", "--http_port", "--store_dir", "--addr", "--config"];

    [Fact]
    public void Native_command_is_the_compose_command_with_host_ports_data_dir_and_loopback()
    {
        using var temp = new TempDirectory();
        var service = SampleServices.Nats(14222, 18222);
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose, temp);

        var plan = LaunchPlans.Nats(service, compose, new NativeLaunchContext("/var/arc/flash", "/var/arc/flash.log"), name => $"/opt/{name}");

        Assert.Null(plan.MissingRuntimeRemedy);
        Assert.Equal("/opt/nats-server", plan.Executable);
        Assert.Equal(
            ["--jetstream", "--store_dir", "/var/arc/flash", "--port", "14222", "--http_port", "18222", "--addr", "127.0.0.1"],
            plan.Arguments);
    }

    public static TheoryData<string> ComposeSources => ["sample", "repository"];

    [SkippableTheory]
    [MemberData(nameof(ComposeSources))]
    public void Native_and_compose_command_agree_on_every_persistence_and_jetstream_flag(string source)
    {
        using var temp = new TempDirectory();
        var compose = source == "sample"
            ? SampleServices.LoadCompose(SampleServices.NatsCompose, temp)
            : SampleServices.RepositoryCompose("messaging", "arc-messaging");
        Skip.If(compose is null, "services/messaging/docker-compose.yml is not in this checkout yet");

        // The service's directory holds the compose file, and beside it the files its --config names.
        var directory = source == "sample" ? temp.Path : Path.Combine(SampleServices.RepositoryRoot()!, "services", "messaging");
        var plan = LaunchPlans.Nats(SampleServices.Nats(14222, 18222, directory), compose, new NativeLaunchContext("/d", "/l"), name => name);

        var composeFlags = CommandLineFlags.Pairs([.. ServerFlags(compose)]);
        var nativeFlags = CommandLineFlags.Pairs(plan.Arguments);
        Assert.Contains("--jetstream", composeFlags.Keys);
        foreach (var (flag, value) in composeFlags.Where(f => !HostSpecificFlags.Contains(f.Key)))
            Assert.Equal((flag, value), (flag, nativeFlags.GetValueOrDefault(flag)));
        Assert.Equal("/d", nativeFlags["--store_dir"]);
    }

    [Fact]
    public void The_config_file_the_compose_command_names_is_written_beside_the_data_and_passed_natively()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "jetstream.conf"), "jetstream { max_file_store: 1GB }\n");
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose.Replace("command: [", "command: [\"--config\", \"/etc/nats/jetstream.conf\", "), temp);

        var plan = LaunchPlans.Nats(SampleServices.Nats(14222, 18222, temp.Path), compose, new NativeLaunchContext("/d", "/l"), name => name);

        Assert.Equal("/d/jetstream.conf", new CommandLineFlags(plan.Arguments).Value("--config"));
        Assert.Equal("jetstream { max_file_store: 1GB }\n", plan.Files["/d/jetstream.conf"]);
    }

    [Fact]
    public void A_config_file_missing_beside_the_compose_file_is_a_located_error()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose.Replace("command: [", "command: [\"--config\", \"/etc/nats/jetstream.conf\", "), temp);

        var error = Assert.Throws<ConfigException>(() =>
            LaunchPlans.Nats(SampleServices.Nats(14222, 18222, temp.Path), compose, new NativeLaunchContext("/d", "/l"), name => name));

        Assert.Equal("docker-compose.yml", error.File);
        Assert.Contains("no jetstream.conf beside the compose file", error.Message);
    }

    [Fact]
    public void Compose_port_that_service_yaml_does_not_publish_is_a_located_error()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose.Replace("\"4222\"", "\"4333\""), temp);

        var error = Assert.Throws<ConfigException>(() =>
            LaunchPlans.Nats(SampleServices.Nats(14222, 18222), compose, new NativeLaunchContext("/d", "/l"), name => name));

        Assert.Equal("docker-compose.yml", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("'4333'", error.Message);
    }

    [Fact]
    public void Missing_nats_server_gives_the_apt_get_remedy()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose, temp);

        var plan = LaunchPlans.Nats(SampleServices.Nats(14222, 18222), compose, new NativeLaunchContext("/d", "/l"), _ => null);

        Assert.Contains("apt-get install -y nats-server", plan.MissingRuntimeRemedy);
        Assert.Empty(plan.Arguments);
    }

    [SkippableTheory]
    [MemberData(nameof(ComposeSources))]
    public void Exporter_sidecar_is_the_compose_exporter_reading_the_monitor_port_on_loopback(string source)
    {
        using var temp = new TempDirectory();
        var service = SampleServices.Nats(14222, 18222, temp.Path);
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose, temp);
        if (source == "repository")
        {
            var real = SampleServices.RepositoryRoot() is { } root ? Path.Combine(root, "services", "messaging", "docker-compose.yml") : "";
            Skip.IfNot(File.Exists(real), "services/messaging/docker-compose.yml is not in this checkout yet");
            File.Copy(real, Path.Combine(temp.Path, "docker-compose.yml"), overwrite: true);
        }

        var plan = LaunchPlans.Nats(service, compose, new NativeLaunchContext("/d", "/l"), name => $"/bin/{name}");

        var sidecar = Assert.Single(plan.Sidecars);
        Assert.Equal("/bin/prometheus-nats-exporter", sidecar.Executable);
        Assert.Equal(["-varz", "-jsz=all", "-healthz", "-port", "7777", "-addr", "127.0.0.1", "http://127.0.0.1:18222"], sidecar.Arguments);
    }

    [Fact]
    public void No_exporter_sidecar_when_its_binary_is_absent()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose, temp);

        var plan = LaunchPlans.Nats(SampleServices.Nats(14222, 18222, temp.Path), compose, new NativeLaunchContext("/d", "/l"),
            name => name == NatsLaunch.ExporterBinary ? null : $"/bin/{name}");

        Assert.Empty(plan.Sidecars);
    }

    [Fact]
    public void No_exporter_sidecar_when_the_compose_file_declares_none()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose[..SampleServices.NatsCompose.IndexOf("  arc-messaging-exporter:", StringComparison.Ordinal)], temp);

        var plan = LaunchPlans.Nats(SampleServices.Nats(14222, 18222, temp.Path), compose, new NativeLaunchContext("/d", "/l"), name => $"/bin/{name}");

        Assert.Empty(plan.Sidecars);
    }

    private static IEnumerable<string> ServerFlags(ComposeService compose) =>
        compose.Command.Count > 0 && !compose.Command[0].StartsWith('-') ? compose.Command.Skip(1) : compose.Command;
}
