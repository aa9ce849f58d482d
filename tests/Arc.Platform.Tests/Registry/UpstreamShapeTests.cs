using Arc.Platform.Registry;
using Arc.Platform.Yaml;

namespace Arc.Platform.Tests.Registry;

/// <summary>
/// Registry files in the shapes of the platform's repository (arc-framework/arc-platform:
/// services/*/service.yaml and services/profiles.yaml), written for these tests: arc reads them
/// unchanged. Members of a profile that are not here are absent, not an error.
/// </summary>
[Trait("Tier", "unit")]
public sealed class UpstreamShapeTests
{
    private const string Messaging = """
        name: arc-messaging
        role: messaging
        codename: flash
        image: ghcr.io/arc-framework/arc-messaging:latest
        tech: nats
        upstream: nats:alpine
        ports:
          - 4222   # NATS client
          - 8222   # HTTP monitoring + Prometheus
        health: http://localhost:8222/healthz
        depends_on: []
        """;

    private const string Streaming = """
        name: arc-streaming
        role: streaming
        codename: strange
        image: ghcr.io/arc-framework/arc-streaming:latest
        tech: pulsar
        upstream: apachepulsar/pulsar:latest
        ports:
          - 6650   # Pulsar broker (binary protocol)
          - 8082   # HTTP admin API (host-mapped from internal 8080)
        health: http://localhost:8082/admin/v2/brokers/health
        depends_on: []
        notes:
          - "Pulsar runs as root — upstream constraint (non-root unsupported by apachepulsar/pulsar image)"
        """;

    private const string Cache = """
        name: arc-cache
        role: cache
        codename: sonic
        image: ghcr.io/arc-framework/arc-cache:latest
        tech: redis
        upstream: redis:alpine
        ports:
          - 6379   # Redis protocol
        health: docker exec arc-cache redis-cli ping
        depends_on: []
        """;

    private const string Profiles = """
        # A.R.C. Service Profiles

        # ─── think ──────────────────────────────────────────────────────
        think:
          description: 'Minimal viable platform — just enough to think'
          services:
            - cortex
            - flash
            - strange
            - sonic

        # ─── reason ─────────────────────────────────────────────────────
        reason:
          description: 'Development stack — think profile + observability'
          services:
            - cortex
            - flash
            - strange
            - sonic
            - otel

        # ─── ultra-instinct ─────────────────────────────────────────────
        ultra-instinct:
          description: 'Full power — every service, every capability'
          services: '*'
        """;

    private static TempRepo UpstreamRepo()
    {
        var repo = TempRepo.Empty();
        repo.Write("services/messaging/service.yaml", Messaging);
        repo.Write("services/streaming/service.yaml", Streaming);
        repo.Write("services/cache/service.yaml", Cache);
        repo.Write(ServiceRegistry.ProfilesFile, Profiles);
        return repo;
    }

    [Fact]
    public void Upstream_shaped_service_and_profile_files_load_unchanged()
    {
        using var repo = UpstreamRepo();

        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Equal(["sonic", "flash", "strange"], registry.Services.Select(s => s.Codename));
        var flash = registry.Service("flash");
        Assert.Equal([new PortBinding("4222", 4222, 4222), new PortBinding("8222", 8222, 8222)], flash.Ports);
        Assert.Equal(("8222", "/healthz"), (flash.Health.Port, flash.Health.Path));
        Assert.Equal(("8082", "/admin/v2/brokers/health"), (registry.Service("strange").Health.Port, registry.Service("strange").Health.Path));
        Assert.Single(registry.Service("strange").Notes);
        // A health command names no port: the service's first port is probed, with Redis' own PING.
        Assert.Equal(("6379", null), (registry.Service("sonic").Health.Port, registry.Service("sonic").Health.Path));
        Assert.Equal("docker exec arc-cache redis-cli ping", registry.Service("sonic").Health.Line);
    }

    [Fact]
    public void Profiles_resolve_what_is_here_and_report_the_rest_absent()
    {
        using var repo = UpstreamRepo();
        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Equal(["think", "reason", "ultra-instinct"], registry.Profiles.Select(p => p.Name));
        Assert.Equal(["flash", "strange", "sonic"], registry.ProfileMembers("think"));
        Assert.Equal(["cortex"], registry.AbsentMembers("think"));
        Assert.Equal(["cortex", "otel"], registry.AbsentMembers("reason"));
        Assert.True(registry.FindProfile("ultra-instinct")!.All);
        Assert.Equal(["sonic", "flash", "strange"], registry.ProfileMembers("ultra-instinct"));
        Assert.Empty(registry.AbsentMembers("ultra-instinct"));
        Assert.Equal(["cortex", "otel"], registry.Resolve(["reason"]).Absent);
    }

    [Fact]
    public void Profile_members_may_be_roles_as_in_the_platforms_core_profile()
    {
        using var repo = UpstreamRepo();
        repo.Write(ServiceRegistry.ProfilesFile, """
            core:
              description: 'Infrastructure backbone'
              services:
                - messaging
                - cache
                - streaming
                - cortex
            """);

        var registry = ServiceRegistry.Load(repo.Root);

        Assert.Equal(["flash", "sonic", "strange"], registry.ProfileMembers("core"));
        Assert.Equal(["cortex"], registry.AbsentMembers("core"));
    }

    [Fact]
    public void A_single_port_and_a_timeout_are_read()
    {
        using var repo = UpstreamRepo();
        repo.Write("services/messaging/service.yaml", Messaging
            .Replace("ports:\n  - 4222   # NATS client\n  - 8222   # HTTP monitoring + Prometheus\n", "port: 8222\n")
            .Replace("depends_on: []", "depends_on: []\ntimeout: 300"));

        var flash = ServiceRegistry.Load(repo.Root).Service("flash");

        Assert.Equal([new PortBinding("port", 8222, 8222)], flash.Ports);
        Assert.Equal("port", flash.Health.Port);
        Assert.Equal(TimeSpan.FromSeconds(300), flash.Timeout);
    }

    [Theory]
    [InlineData("http://localhost:8222/healthz", "monitor", "/healthz")]
    [InlineData("https://127.0.0.1:4222/", "client", "/")]
    [InlineData("tcp://localhost:4222", "client", null)]
    [InlineData("redis://localhost:4222", "client", null)]
    [InlineData("redis-cli -p 8222 ping", "monitor", null)]
    [InlineData("redis-cli --port 4222 ping", "client", null)]
    [InlineData("some-check --verbose", "client", null)]
    [InlineData("http://localhost:9222/healthz", "monitor", "/healthz")]
    public void A_health_line_names_one_of_the_services_ports(string line, string port, string? path)
    {
        // monitor is published on host 9222 from container 8222: the host port, else the container port, names it.
        PortBinding[] ports = [new("client", 4222, 4222), new("monitor", 9222, 8222)];

        var (spec, error) = HealthLine.Parse(line, ports);

        Assert.True(spec is not null, error);
        Assert.Equal((port, path), (spec.Port, spec.Path));
        Assert.Equal(line, spec.Line);
    }

    [Fact]
    public void A_health_url_may_use_each_registered_technology_scheme_and_the_refusal_lists_them()
    {
        PortBinding[] ports = [new PortBinding("client", 4222, 4222)];
        foreach (var scheme in Arc.Platform.Technologies.TechnologyCatalog.ClientSchemes.Concat(["http", "https", "tcp"]))
            Assert.NotNull(HealthLine.Parse($"{scheme}://localhost:4222", ports).Spec);

        var (spec, error) = HealthLine.Parse("ftp://localhost:4222", ports);

        Assert.Null(spec);
        Assert.Contains("must be an http(s)://, tcp://, nats://, redis:// or pulsar:// URL, or a command", error);
        Assert.Equal(["nats", "redis", "pulsar"], Arc.Platform.Technologies.TechnologyCatalog.ClientSchemes);
    }

    [Theory]
    [InlineData("http://localhost:7777/healthz", "checks port 7777, which is not one of the service's ports (4222, 8082)")]
    [InlineData("http://localhost/healthz", "must name its port")]
    [InlineData("ftp://localhost:4222/", "must be an http(s)://")]
    [InlineData("redis-cli -p ping", "-p needs a port number")]
    public void A_health_line_without_a_port_of_the_service_is_rejected(string line, string message)
    {
        var (spec, error) = HealthLine.Parse(line, [new PortBinding("client", 4222, 4222), new PortBinding("admin", 8082, 8080)]);

        Assert.Null(spec);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("health: http://localhost:8222/healthz", "health: http://localhost:9999/healthz", "checks port 9999")]
    [InlineData("health: http://localhost:8222/healthz", "health:\n  port: client", "'health' must be a string")]
    [InlineData("  - 4222   # NATS client", "  - four", "'ports entry' must be an integer")]
    [InlineData("  - 4222   # NATS client", "  - 8222", "port 8222 is listed twice")]
    [InlineData("depends_on: []", "depends_on: []\nport: 4222", "either 'port' (one port) or 'ports', not both")]
    [InlineData("depends_on: []", "depends_on: []\ntimeout: 0", "'timeout' must be between 1 and 3600")]
    public void Mistakes_in_the_platforms_shapes_are_located(string find, string replace, string message)
    {
        using var repo = UpstreamRepo();
        repo.Replace("services/messaging/service.yaml", find, replace);
        var line = Array.FindLastIndex(repo.Read("services/messaging/service.yaml").Split('\n'),
            l => l.Contains(replace.Split('\n')[^1].Trim(), StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal("services/messaging/service.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Reason);
    }

    [Fact]
    public void A_profile_that_is_neither_a_list_nor_everything_is_rejected()
    {
        using var repo = UpstreamRepo();
        repo.Replace(ServiceRegistry.ProfilesFile, "services: '*'", "services: all");

        var error = Assert.Throws<ConfigException>(() => ServiceRegistry.Load(repo.Root));

        Assert.Equal(ServiceRegistry.ProfilesFile, error.File);
        Assert.Contains("'services' must be a list of strings", error.Reason);
    }
}
