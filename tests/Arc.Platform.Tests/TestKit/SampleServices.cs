using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Service definitions shaped like services/*/service.yaml but on free host ports, and compose
/// services read from the repository's real compose files when they exist, else from the
/// samples below (the command lines the compose files are specified to carry).
/// </summary>
public static class SampleServices
{
    public const string NatsCompose = """
        services:
          arc-messaging:
            image: ghcr.io/arc-framework/arc-messaging:latest
            command: ["--jetstream", "--store_dir", "/data/jetstream", "--port", "4222", "--http_port", "8222"]
            ports:
              - "127.0.0.1:4222:4222"
              - "127.0.0.1:8222:8222"
          arc-messaging-exporter:
            image: natsio/prometheus-nats-exporter:0.20.1
            command: ["-varz", "-jsz=all", "-healthz", "-port", "7777", "http://arc-messaging:8222"]
        """;

    public const string RedisCompose = """
        services:
          arc-cache:
            image: ghcr.io/arc-framework/arc-cache:latest
            command: ["redis-server", "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory", "512mb", "--maxmemory-policy", "noeviction"]
            ports:
              - "127.0.0.1:6379:6379"
          arc-cache-exporter:
            image: oliver006/redis_exporter:v1.88.0
            environment:
              REDIS_ADDR: "redis://arc-cache:6379"
              REDIS_EXPORTER_WEB_LISTEN_ADDRESS: "0.0.0.0:9121"
        """;

    public const string PulsarCompose = """
        services:
          arc-streaming:
            image: ghcr.io/arc-framework/arc-streaming:latest
            command: ["bin/pulsar", "standalone", "--no-functions-worker"]
            environment:
              PULSAR_MEM: "-Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m"
        """;

    public static ServiceDefinition Nats(int clientPort, int monitorPort, string? directory = null) => Definition(
        "arc-messaging", "flash", "messaging", "nats",
        [new PortBinding("client", clientPort, 4222), new PortBinding("monitor", monitorPort, 8222)],
        new HealthSpec("monitor", "/healthz"),
        new MetricsSpec("arc-messaging-exporter", 7777, "/metrics", "prometheus-nats-exporter", 1), directory);

    public static ServiceDefinition Redis(int port, string? directory = null) => Definition(
        "arc-cache", "sonic", "cache", "redis",
        [new PortBinding("client", port, 6379)],
        new HealthSpec("client", null),
        new MetricsSpec("arc-cache-exporter", FreePorts.Next(), "/metrics", "prometheus-redis-exporter", 1), directory);

    public static ServiceDefinition Pulsar(int brokerPort, int adminPort, string? directory = null) => Definition(
        "arc-streaming", "strange", "streaming", "pulsar",
        [new PortBinding("broker", brokerPort, 6650), new PortBinding("admin", adminPort, 8080)],
        new HealthSpec("admin", "/admin/v2/brokers/health"),
        new MetricsSpec("arc-streaming", 8080, "/metrics", null, 1), directory);

    /// <summary>Writes <paramref name="yaml"/> as docker-compose.yml in <paramref name="directory"/> and reads its first (server) service.</summary>
    public static ComposeService LoadCompose(string yaml, TempDirectory directory)
    {
        var path = Path.Combine(directory.Path, "docker-compose.yml");
        File.WriteAllText(path, yaml);
        return ComposeFile.Load(path, "docker-compose.yml").Services[0];
    }

    /// <summary>The repository root (holding services/profiles.yaml) above the test binaries.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "services", "profiles.yaml")))
                return dir.FullName;
        return null;
    }

    /// <summary>The compose service of <paramref name="role"/> from the repository, or null until that file exists.</summary>
    public static ComposeService? RepositoryCompose(string role, string serviceName)
    {
        if (RepositoryRoot() is not { } root)
            return null;
        var path = Path.Combine(root, "services", role, "docker-compose.yml");
        return File.Exists(path) ? ComposeFile.Load(path, $"services/{role}/docker-compose.yml").Service(serviceName) : null;
    }

    private static ServiceDefinition Definition(string name, string codename, string role, string tech,
        IReadOnlyList<PortBinding> ports, HealthSpec health, MetricsSpec metrics, string? directory) =>
        new(name, codename, role, tech, "test service", "test-image", "https://example.invalid", ports, health, metrics, [],
            directory ?? Path.GetTempPath(), $"services/{role}/service.yaml", new Dictionary<string, SourceLocation>
            {
                ["tech"] = new SourceLocation($"services/{role}/service.yaml", 5, 1),
            });
}
