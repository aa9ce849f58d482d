using Arc.Platform.Drivers.Native;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// Adding a technology needs no planning code: an invented one ("quokka", made-up flags) declares only the facts of
/// its server, and the native driver's planner derives the whole local command line from its compose service.
/// </summary>
[Trait("Tier", "unit")]
public sealed class FactsOnlyTechnologyTests
{
    private const string Compose = """
        services:
          arc-quokka:
            image: example.invalid/quokka:1
            command: ["quokkad", "--cache-size", "64m", "--listen-port", "7000", "--peer-port=7001", "--store", "/var/lib/quokka", "--secret-file", "/run/secrets/quokka", "--fork", "on"]
          arc-quokka-exporter:
            image: example.invalid/quokka-exporter:1
            command: ["--scrape", "quokka://arc-quokka:7000", "--web", ":9999", "--verbose"]
        """;

    private sealed class QuokkaTechnology : ITechnology, INativeLaunchFacts
    {
        public string Tech => "quokka";

        public ClientConnection Connection { get; } = new("client", "quokka", "QUOKKA_URL");

        public LaunchFacts LaunchFactsOf(ServiceDefinition service, Arc.Platform.Compose.ComposeService compose) => new("quokkad", "quokka-server")
        {
            Flags =
            [
                new PortFlag("client", ["--listen-port", "-l"]),
                new PortFlag("peer", ["--peer-port"]),
                new DataDirectoryFlag(["--store"]),
                new ListenAddressFlag(["--bind"]),
                new FixedFlag("off", ["--fork"]),
                new DroppedFlag(["--secret-file"]),
                new FileFlag("users.txt", input => input.Credentials is { } c ? $"user {c.Client.User} {c.Client.Password}\n" : null, ["--users"]),
            ],
            Exporters = [new ExporterFacts("quokka-exporter") { TargetPort = "client", TargetScheme = "quokka", TargetFlag = ["--scrape"], ListenAddressFlag = ["--web"] }],
        };

        public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static ServiceDefinition Quokka(string directory, int metricsPort) =>
        new("arc-quokka", "quokka", "cache", "quokka", "invented", "example.invalid/quokka:1", "https://example.invalid",
            [new PortBinding("client", 17000, 7000), new PortBinding("peer", 17001, 7001)], new HealthSpec("client", null),
            new MetricsSpec("arc-quokka-exporter", metricsPort, "/metrics", "quokka-exporter", 1), [], directory, "services/quokka/service.yaml",
            new Dictionary<string, SourceLocation>());

    [Fact]
    public void The_planner_derives_an_invented_technology_s_local_command_line_from_its_facts_alone()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(Compose, temp);
        var service = Quokka(temp.Path, 19999);
        var credentials = new Arc.Platform.Secrets.ServiceCredentials("quokka", [new("keeper", "pw1")]);
        var context = new NativeLaunchContext("/data/quokka", "/l") { Credentials = credentials, Locate = name => $"/opt/quokka/{name}" };

        var plan = NativeLaunchPlanner.Plan(new QuokkaTechnology(), service, compose, context);

        Assert.Null(plan.MissingRuntimeRemedy);
        Assert.Equal("/opt/quokka/quokkad", plan.Executable);
        Assert.Equal(
        [
            "--cache-size", "64m", "--listen-port", "17000", "--peer-port=17001", "--store", "/data/quokka", "--fork", "off",
            "--bind", "127.0.0.1", "--users", "/data/quokka/users.txt",
        ], plan.Arguments);
        Assert.Equal(new Dictionary<string, string> { ["/data/quokka/users.txt"] = "user keeper pw1\n" }, plan.Files);
        Assert.Empty(plan.Environment);
        var exporter = Assert.Single(plan.Sidecars);
        Assert.Equal("/opt/quokka/quokka-exporter", exporter.Executable);
        Assert.Equal(["--scrape", "quokka://127.0.0.1:17000", "--web", "127.0.0.1:19999", "--verbose"], exporter.Arguments);
    }

    [Fact]
    public void An_open_invented_server_gets_no_generated_file_and_a_missing_one_gets_its_package_s_install_step()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(Compose, temp);
        var service = Quokka(temp.Path, 19999);

        var open = NativeLaunchPlanner.Plan(new QuokkaTechnology(), service, compose, new NativeLaunchContext("/d", "/l") { Locate = name => name });
        var missing = NativeLaunchPlanner.Plan(new QuokkaTechnology(), service, compose, new NativeLaunchContext("/d", "/l") { Locate = _ => null });

        Assert.DoesNotContain("--users", open.Arguments);
        Assert.DoesNotContain("--secret-file", open.Arguments);
        Assert.Empty(open.Files);
        Assert.Equal("quokkad is not installed: run `sudo apt-get install -y quokka-server`", missing.MissingRuntimeRemedy);
        Assert.Empty(missing.Arguments);
    }

    [Fact]
    public void A_compose_port_the_invented_service_does_not_publish_is_a_located_error()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(Compose.Replace("\"7001\"", "\"7002\"").Replace("=7001", "=7002"), temp);

        var error = Assert.Throws<ConfigException>(() =>
            NativeLaunchPlanner.Plan(new QuokkaTechnology(), Quokka(temp.Path, 19999), compose, new NativeLaunchContext("/d", "/l") { Locate = name => name }));

        Assert.Contains("'7002'", error.Message);
    }
}
