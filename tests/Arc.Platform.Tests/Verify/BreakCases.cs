using Arc.Platform.Compose;
namespace Arc.Platform.Tests.Verify;

/// <summary>The catalogue of breakages: at least one per rule (a test checks that), and every acceptance case of issue 2.</summary>
public static class BreakCases
{
    private const string Flash = "services/messaging/docker-compose.yml";
    private const string Strange = "services/streaming/docker-compose.yml";
    private const string Sonic = "services/cache/docker-compose.yml";
    private const string Otel = "services/otel/docker-compose.yml";
    private const string FlashDockerfile = "services/messaging/Dockerfile";
    private const string StrangeDockerfile = "services/streaming/Dockerfile";
    private const string SonicDockerfile = "services/cache/Dockerfile";
    private const string Collector = "services/otel/telemetry/config/otel-collector-config.yaml";
    private const string Images = ".github/workflows/messaging-images.yml";
    private const string Release = ".github/workflows/messaging-release.yml";
    private const string Streams = "services/messaging/streams.yaml";
    private const string Consumers = "services/consumers.yaml";
    private const string Topics = "services/streaming/topics.yaml";

    private static BreakCase Appended(string name, string rule, string file, string text, string? lineText = null) =>
        new(name, rule, file, repo => repo.Write(file, repo.Read(file) + "\n" + text), lineText);

    private static BreakCase Edit(string name, string rule, string file, string oldText, string newText, string? lineText = null) =>
        new(name, rule, file, repo => repo.Edit(file, oldText, newText), lineText);

    /// <summary>streams.yaml's first Cortex subject replaced by <paramref name="subject"/> (a YAML double-quoted string).</summary>
    private static BreakCase Subject(string name, string oldSubject, string subject) =>
        new(name, "names-well-formed", Streams, repo => repo.Edit(Streams, $"subjects: [\"{oldSubject}\"]", $"subjects: [\"{subject}\"]"), $"subjects: [\"{subject}\"]", LoadFailsToo: true);

    public static IReadOnlyList<BreakCase> All { get; } =
    [
        // Acceptance cases of issue 2.
        Edit("acceptance: 4222 published on every interface", "ports-loopback-only", Flash, "\"127.0.0.1:4222:4222\"", "\"4222:4222\"", "\"4222:4222\""),
        Edit("acceptance: bind mount instead of the named volume", "volumes-named-only", Flash, "- arc-messaging-jetstream:/data", "- ./jetstream:/data", "./jetstream:/data"),
        Edit("acceptance: NATS Dockerfile without USER", "nats-non-root", FlashDockerfile, "USER 1000:1000", "", "FROM nats:"),
        Edit("acceptance: prometheus dropped from the metrics pipeline", "collector-prometheus-in-pipeline", Collector, "receivers: [otlp, prometheus]", "receivers: [otlp]", "receivers: [otlp]\n      processors: [batch]\n      exporters: [signozclickhousemetrics]"),
        Edit("acceptance: scrape port disagrees with service.yaml", "collector-scrapes-declared-metrics", Collector, "arc-cache-exporter:9121", "arc-cache-exporter:9122", "arc-cache-exporter:9122"),
        Edit("acceptance: password in a compose environment", "no-secrets", Sonic, "      REDIS_ADDR:", "      REDIS_PASSWORD: \"hunter2\"\n      REDIS_ADDR:", "REDIS_PASSWORD"),

        // Compose files.
        Edit("exporter port published without an address", "ports-loopback-only", Sonic, "\"127.0.0.1:9121:9121\"", "\"9121\"", "\"9121\"\n    depends_on:"),
        Edit("collector port on 0.0.0.0", "ports-loopback-only", Otel, "\"127.0.0.1:4317:4317\"", "\"0.0.0.0:4317:4317\"", "0.0.0.0:4317"),
        Edit("Pulsar data on a bind mount", "volumes-named-only", Strange, "- arc-streaming-data:/pulsar/data", "- /srv/pulsar:/pulsar/data", "/srv/pulsar"),
        Edit("anonymous volume", "volumes-named-only", Sonic, "- arc-cache-data:/data", "- /data", "- /data"),
        Edit("undeclared named volume", "volumes-named-only", Sonic, "- arc-cache-data:/data", "- arc-cache-other:/data", "arc-cache-other"),
        Edit("collector config bind-mounted", "volumes-named-only", Otel, "    container_name: arc-friday-collector\n", "    container_name: arc-friday-collector\n    volumes:\n      - ./telemetry/config/otel-collector-config.yaml:/etc/otel/config.yaml\n", "./telemetry/config"),
        Edit("arc_platform_net not external", "network-external", Sonic, "    external: true\n", "", "  arc_platform_net:"),
        Edit("exporter off arc_platform_net", "network-external", Flash, "      arc-messaging:\n        condition: service_healthy\n    restart: unless-stopped\n    networks:\n      - arc_platform_net\n", "      arc-messaging:\n        condition: service_healthy\n    restart: unless-stopped\n", "  arc-messaging-exporter:"),
        new("volume not named after its service", "volumes-named-only", Sonic, repo => repo
            .Edit(Sonic, "- arc-cache-data:/data", "- cache-data:/data")
            .Edit(Sonic, "  arc-cache-data:\n    name: arc-cache-data", "  cache-data:\n    name: cache-data"), "- cache-data:/data"),
        Edit("healthcheck start_interval (Compose v2 only)", "compose-no-v2-only-keys", Sonic, "      start_period: 10s\n", "      start_period: 10s\n      start_interval: 1s\n", "start_interval"),
        Edit("top-level name: (Compose v2 only)", "compose-no-v2-only-keys", Strange, "services:\n", "name: arc-platform\nservices:\n", "name: arc-platform"),
        Edit("exporter image without tag", "compose-images-pinned", Flash, "natsio/prometheus-nats-exporter:0.20.1", "natsio/prometheus-nats-exporter", "image: natsio/prometheus-nats-exporter"),
        Edit("zookeeper image :latest", "compose-images-pinned", Otel, "signoz/zookeeper:3.7.1", "signoz/zookeeper:latest", "signoz/zookeeper:latest"),
        Edit("collector base image :latest", "compose-images-pinned", "services/otel/telemetry/Dockerfile", "signoz-otel-collector:v0.142.0", "signoz-otel-collector:latest", "FROM signoz"),
        Edit("container renamed", "container-names-match", Sonic, "container_name: arc-cache-exporter", "container_name: cache-exporter", "container_name: cache-exporter"),
        Edit("compose image differs from service.yaml", "compose-builds-service-image", Sonic, "image: ghcr.io/arc-framework/arc-cache:latest", "image: ghcr.io/arc-framework/cache:latest", "ghcr.io/arc-framework/cache:latest"),
        Edit("service image built from another directory", "compose-builds-service-image", Strange, "    build: .\n", "    build: ../cache\n", "build: ../cache"),
        Edit("host port differs from service.yaml", "ports-match-service-yaml", Strange, "\"127.0.0.1:8082:8080\"", "\"127.0.0.1:8083:8080\"", "8083:8080"),
        Edit("declared port not published", "ports-match-service-yaml", Flash, "      - \"127.0.0.1:8222:8222\"   # monitoring (/healthz, /varz, /jsz)\n", "", "  arc-messaging:"),
        Edit("healthcheck without start_period", "healthcheck-start-period", Sonic, "      start_period: 10s\n", "", "    healthcheck:"),
        Edit("collector healthcheck without start_period", "healthcheck-start-period", Otel, "      start_period: 20s\n", "", "    healthcheck:"),
        Edit("service without healthcheck", "healthcheck-start-period", Sonic, "    healthcheck:\n      test: [\"CMD-SHELL\", \"REDISCLI_AUTH=\\\"$$(cat /run/secrets/arc-cache-password)\\\" redis-cli ping | grep -q PONG\"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 10s\n", "", "  arc-cache:"),
        Edit("healthcheck with a bad duration", "healthcheck-start-period", Flash, "      interval: 10s", "      interval: often", "interval: often"),
        Edit("Pulsar start_period too short", "healthcheck-pulsar-patience", Strange, "start_period: 90s", "start_period: 60s", "start_period: 60s"),
        Edit("Pulsar gives up too early", "healthcheck-pulsar-patience", Strange, "retries: 15", "retries: 5", "retries: 5"),
        Edit("NATS exporter on the wrong port", "exporters-present", Flash, "\"-port\", \"7777\"", "\"-port\", \"7778\"", "  arc-messaging-exporter:"),
        Edit("Redis exporter reads another host", "exporters-present", Sonic, "redis://arc-cache:6379", "redis://localhost:6379", "  arc-cache-exporter:"),
        Edit("Redis exporter sidecar missing", "exporters-present", Sonic, "  arc-cache-exporter:\n    image: oliver006/redis_exporter:v1.88.0\n    container_name: arc-cache-exporter", "  arc-cache-metrics:\n    image: oliver006/redis_exporter:v1.88.0\n    container_name: arc-cache-metrics", "#1"),

        Edit("healthcheck probes another port", "healthcheck-probes-service-yaml", Strange, "curl -sf http://localhost:8080/admin/v2/brokers/health", "curl -sf http://localhost:8081/admin/v2/brokers/health", "curl -sf"),
        Edit("healthcheck probes another path", "healthcheck-probes-service-yaml", Flash, "http://127.0.0.1:8222/healthz", "http://127.0.0.1:8222/varz", "8222/varz"),
        new("own metrics on a port the service does not have", "exporters-present", "services/streaming/service.yaml", repo =>
        {
            repo.Edit("services/streaming/service.yaml", "  port: 8080\n  path: /metrics", "  port: 9090\n  path: /metrics");
            repo.Edit(Collector, "arc-streaming:8080", "arc-streaming:9090");
        }, "  service: arc-streaming"),

        // Technology settings.
        Edit("NATS without JetStream", "nats-jetstream-flags", Flash, "\"--jetstream\", ", "", "command:"),
        Edit("NATS monitor port disagrees", "nats-jetstream-flags", Flash, "\"--http_port\", \"8222\"", "\"--http_port\", \"8223\"", "command:"),
        Edit("JetStream store outside the volume", "nats-jetstream-flags", Flash, "\"--store_dir\", \"/data/jetstream\"", "\"--store_dir\", \"/tmp/jetstream\"", "command:"),
        Edit("Redis evicts", "redis-persistence-flags", Sonic, "\"noeviction\"", "\"allkeys-lru\"", "command:"),
        Edit("Redis without AOF", "redis-persistence-flags", Sonic, "\"--appendonly\", \"yes\", ", "", "command:"),
        Edit("Pulsar with functions worker", "pulsar-standalone-flags", Strange, ", \"--no-functions-worker\"", "", "command:"),
        Edit("Pulsar without PULSAR_MEM", "pulsar-standalone-flags", Strange, "      PULSAR_MEM:", "      PULSAR_HEAP:", "environment:"),

        Edit("a storage choice undefended", "streams-declared", Streams, "    # file: the server's default, and what Cortex gets; event history outlives\n    # restarts.\n", "", "    storage: file\n    # interest"),
        Appended("overlapping subjects", "streams-declared", Streams, "  # A debugging tap on everything agents say.\n  - name: AGENT_TAP\n    subjects: [\"agent.>\"]\n    # file: survives restarts.\n    storage: file\n    retention: limits\n    max_age: 1h\n", "\"agent.>\""),
        Appended("a stream without limits", "streams-declared", Streams, "  # Audit records.\n  - name: AUDIT\n    subjects: [\"audit.>\"]\n    # file: survives restarts.\n    storage: file\n    retention: limits\n", "  - name: AUDIT"),

        // Names the servers refuse only at `up` (issue 18): each at its own line, and the strict loader refuses the file too.
        Subject("a subject with a space", "agent.*.cmd", "agent cmd"),
        Subject("a wildcard inside a token", "agent.*.cmd", "agent.x*.cmd"),
        Subject("'>' before the last token", "agent.*.cmd", "cmd.>.agent"),
        Subject("an empty token", "agent.*.cmd", "agent..cmd"),
        Subject("a leading dot", "agent.*.cmd", ".agent"),
        Subject("a tab", "agent.*.cmd", "agent.\\t.cmd"),
        Subject("the JetStream API captured", "agent.*.cmd", "$JS.API.>"),
        Subject("the system account captured", "agent.*.cmd", "$SYS.>"),
        new("a consumer's subject with a space", "names-well-formed", Consumers, repo => repo.Edit(Consumers, "subjects: [agent.*.cmd]", "subjects: [\"agent *.cmd\"]"), "subjects: [\"agent *.cmd\"]", LoadFailsToo: true),
        new("a tenant name Pulsar refuses", "names-well-formed", Topics, repo => repo.Edit(Topics, "  - name: arc\n", "  - name: arc tenant\n"), "  - name: arc tenant", LoadFailsToo: true),
        new("a consumer's namespace Pulsar refuses", "names-well-formed", Consumers, repo => repo.Edit(Consumers, "namespaces: [arc-system/events,", "namespaces: [arc-system/ev ents,"), "namespaces: [arc-system/ev ents,", LoadFailsToo: true),

        // The platform's consumers (services/consumers.yaml): Cortex's streams and everyone's settings.
        Edit("acceptance: streams.yaml changes a subject Cortex needs", "consumer-streams-match", Streams, "subjects: [\"agent.*.cmd\"]", "subjects: [\"agent.*.command\"]", "agent.*.command"),
        Edit("a stream Cortex provisions missing", "consumer-streams-match", Streams, "- name: SYSTEM_METRICS", "- name: SYSTEM_SAMPLES", "streams:"),
        Edit("retention other than Cortex's", "consumer-streams-match", Streams, "    retention: interest\n", "    retention: limits\n", "    retention: limits\n    discard: old\n    # Cortex's choice: a week"),
        Edit("max_age other than Cortex's", "consumer-streams-match", Streams, "max_age: 6h", "max_age: 1h", "max_age: 1h"),
        Edit("a byte budget on a Cortex stream", "consumer-streams-server-defaults", Streams, "    max_bytes: -1\n", "    max_bytes: 256MiB\n", "max_bytes: 256MiB"),
        Edit("a memory stream Cortex would create on file", "consumer-streams-server-defaults", Streams, "    storage: file\n    retention: limits\n    discard: old\n    # Cortex's choice: only", "    storage: memory\n    retention: limits\n    discard: old\n    # Cortex's choice: only", "storage: memory"),
        Edit("a description Cortex's update would clear", "consumer-streams-server-defaults", Streams, "  - name: AGENT_EVENTS\n", "  - name: AGENT_EVENTS\n    description: what agents did\n", "description: what agents did"),
        Edit("a setting naming an unknown service", "consumer-settings-resolve", Consumers, "SHERLOCK_SONIC_URL: {service: sonic", "SHERLOCK_SONIC_URL: {service: cache", "SHERLOCK_SONIC_URL"),
        Edit("a setting named PATH", "consumer-settings-safe", Consumers, "SHERLOCK_SONIC_URL: {service: sonic, value: url}", "PATH: {service: sonic, value: literal, literal: /tmp/evil}", " PATH: {"),
        Edit("a setting in the LD_* family", "consumer-settings-safe", Consumers, "SHERLOCK_SONIC_URL: {service: sonic, value: url}", "LD_PRELOAD: {service: sonic, value: literal, literal: /tmp/evil.so}", "LD_PRELOAD: {"),
        Edit("a setting named like a generic variable", "consumer-settings-safe", Consumers, "SHERLOCK_SONIC_URL: {service: sonic, value: url}", "NATS_URL: {service: sonic, value: url}", " NATS_URL: {service: sonic"),
        Edit("a setting named like a .NET connection string", "consumer-settings-safe", Consumers, "SHERLOCK_SONIC_URL: {service: sonic, value: url}", "CONNECTIONSTRINGS__SONIC: {service: sonic, value: url}", "CONNECTIONSTRINGS__SONIC: {"),
        Edit("two consumers asking one name with different values", "consumer-settings-safe", Consumers, "SHERLOCK_SONIC_URL: {service: sonic, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: sonic, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: sonic"),
        Edit("an admin URL asked of NATS", "consumer-settings-resolve", Consumers, "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: url}", "CORTEX_BOOTSTRAP_NATS_URL: {service: flash, value: admin_url}", "CORTEX_BOOTSTRAP_NATS_URL: {"),
        new("topics.yaml lacks the reasoner's tenant and namespace", "consumer-pulsar-provisioned", Topics, repo =>
        {
            repo.Edit(Topics, "  - name: arc\n    allowed_clusters: [standalone]\n", "");
            repo.Edit(Topics, "  - arc/default\n", "");
        }, "tenants:"),
        Edit("a partition count other than Cortex's", "consumer-pulsar-provisioned", Topics, "    partitions: 4", "    partitions: 2", "- topic: persistent://arc-system/logs/application"),
        Edit("a partitioned topic Cortex creates missing", "consumer-pulsar-provisioned", Topics, "persistent://arc-system/audit/command-log", "persistent://arc-system/audit/commands", "partitioned_topics:"),
        new("consumers.yaml needs a namespace topics.yaml lacks", "consumer-pulsar-provisioned", Topics,
            repo => repo.Edit(Consumers, "namespaces: [arc/default]", "namespaces: [arc/default, arc/memory]"), "namespaces:"),

        // Dockerfiles.
        Edit("NATS runs as root", "nats-non-root", FlashDockerfile, "USER 1000:1000", "USER 0", "USER 0"),
        Edit("Redis runs as root", "redis-non-root", SonicDockerfile, "USER 999:1000", "USER root", "USER root"),
        Edit("Redis compose overrides the user", "redis-non-root", Sonic, "    container_name: arc-cache\n", "    container_name: arc-cache\n    user: root\n", "user: root"),
        new("Pulsar root undocumented in the Dockerfile", "pulsar-root-documented", StrangeDockerfile,
            repo => repo.Write(StrangeDockerfile, WithoutComments(repo.Read(StrangeDockerfile))), "FROM apachepulsar"),
        new("Pulsar root undocumented in the compose file", "pulsar-root-documented", Strange,
            repo => repo.Write(Strange, WithoutComments(repo.Read(Strange)))),
        Edit("OCI source label missing", "labels-oci", SonicDockerfile, "      org.opencontainers.image.source=\"https://github.com/arc-framework/arc-platform\" \\\n", "", "FROM redis"),
        Edit("OCI title label missing on the ClickHouse image", "labels-oci", "services/otel/clickhouse/Dockerfile", "LABEL org.opencontainers.image.title=\"ARC Friday — ClickHouse\" \\\n      ", "LABEL ", "FROM clickhouse"),
        Edit("codename label disagrees", "labels-arc-consistent", SonicDockerfile, "arc.service.codename=\"sonic\"", "arc.service.codename=\"sonik\"", "LABEL"),
        Edit("tech label missing", "labels-arc-consistent", FlashDockerfile, " \\\n      arc.service.tech=\"nats\"", "", "FROM nats"),
        Edit("base image :latest", "image-pinned-once", SonicDockerfile, "FROM redis:7.4-alpine", "FROM redis:latest", "FROM redis:latest"),
        Edit("base image untagged", "image-pinned-once", StrangeDockerfile, "FROM apachepulsar/pulsar:3.3.0", "FROM apachepulsar/pulsar", "FROM apachepulsar/pulsar"),
        Edit("version written twice", "image-pinned-once", SonicDockerfile, "FROM redis:7.4-alpine\n", "FROM redis:7.4-alpine\nENV REDIS_IMAGE_TAG=7.4-alpine\n", "ENV REDIS_IMAGE_TAG"),
        Edit("upstream image pinned again in a workflow", "image-pinned-once", Images, "      - uses: docker/setup-buildx-action@v3\n", "      - uses: docker/setup-buildx-action@v3\n      - run: docker pull redis:7.4-alpine\n", "docker pull redis:7.4-alpine"),
        Edit("JetStream dir not prepared for the user", "nats-store-writable", FlashDockerfile, "RUN mkdir -p /data/jetstream && chown -R 1000:1000 /data", "RUN mkdir -p /data/jetstream", "FROM nats"),

        // Secrets.
        Edit("Redis password on the command line", "no-secrets", Sonic, "\"redis-server\", ", "\"redis-server\", \"--requirepass\", \"hunter2\", ", "command:"),
        Edit("credentials in a DSN of the collector", "no-secrets", Collector, "tcp://arc-friday-clickhouse:9000/signoz_metrics", "tcp://admin:hunter2@arc-friday-clickhouse:9000/signoz_metrics", "admin:hunter2@"),
        Edit("token in the collector config", "no-secrets", Collector, "    send_batch_size: 10000\n", "    send_batch_size: 10000\n    auth_token: abc123\n", "auth_token"),
        Edit("API key in a Dockerfile ENV", "no-secrets", FlashDockerfile, "USER 1000:1000", "ENV NATS_API_KEY=abc123\nUSER 1000:1000", "ENV NATS_API_KEY"),
        Edit("secret in a compose list environment", "no-secrets", Otel, "      ZOO_SERVER_ID: \"1\"\n", "      ZOO_SERVER_ID: \"1\"\n      ZOO_CLIENT_PASSWORD: \"s3cr3t\"\n", "ZOO_CLIENT_PASSWORD"),

        // Secrets (issue 8 §3): every form, never with the value in the message (SecretMessageTests).
        Edit("--requirepass=VALUE in one word", "no-secrets", Sonic, "\"redis-server\", ", "\"redis-server\", \"--requirepass=s3cr3tV4lue\", ", "command:"),
        Edit("password in a redis:// URL without a user", "no-secrets", Sonic, "redis://arc-cache:6379", "redis://:s3cr3tV4lue@arc-cache:6379", "REDIS_ADDR"),
        Edit("password in a URL with a user", "no-secrets", Flash, "\"http://arc-messaging:8222\"", "\"http://u:s3cr3tV4lue@arc-messaging:8222\"", "-varz"),
        Edit("variable with a literal default", "no-secrets", Sonic, "      REDIS_ADDR:", "      REDIS_PASSWORD: \"${REDIS_PASSWORD:-s3cr3tV4lue}\"\n      REDIS_ADDR:", "REDIS_PASSWORD"),
        new("password under an x- extension key", "no-secrets", Sonic, repo => repo.Write(Sonic, repo.Read(Sonic) + "\nx-defaults:\n  admin_password: s3cr3tV4lue\n"), "admin_password"),
        Edit("token under a custom service key", "no-secrets", Flash, "    container_name: arc-messaging\n", "    container_name: arc-messaging\n    x-auth:\n      token: s3cr3tV4lue\n", "token: s3cr3tV4lue"),
        Edit("redis-cli -a VALUE in a health check", "no-secrets", Sonic, "redis-cli ping | grep -q PONG", "redis-cli -a s3cr3tV4lue ping | grep -q PONG", "redis-cli -a"),
        // Compose secrets (issue 17): the value never in the compose file, the file never a tracked one.
        Edit("REDISCLI_AUTH set to a literal in a health check", "no-secrets", Sonic, "REDISCLI_AUTH=\\\"$$(cat /run/secrets/arc-cache-password)\\\"", "REDISCLI_AUTH=s3cr3tV4lue", "REDISCLI_AUTH=s3cr3tV4lue"),
        Edit("compose secret with its value inline (content:)", "no-secrets", Sonic, "  arc-cache-exporter-password:\n    file: ../../.arc/secrets/docker/sonic.exporter.json", "  arc-cache-exporter-password:\n    content: \"s3cr3tV4lue\"", "content:"),
        new("compose secret read from a tracked file", "no-secrets", Sonic, repo => repo
            .Write("services/cache/exporter.json", "{}\n")
            .Edit(Sonic, "file: ../../.arc/secrets/docker/sonic.exporter.json", "file: ./exporter.json"), "arc-cache-exporter-password:"),
        Edit("Redis command without the generated ACL file", "redis-acl-mounted", Sonic, ", \"--aclfile\", \"/run/secrets/arc-cache-acl\"", "", "command: [\"redis-server\""),
        Edit("Redis container mounting no ACL file", "redis-acl-mounted", Sonic, "    secrets:\n      - arc-cache-acl\n      - arc-cache-password\n", "    secrets:\n      - arc-cache-password\n", "  arc-cache:"),
        Edit("NATS users mounted beside, not over, the --config file", "nats-users-mounted", Flash, "target: /etc/nats/jetstream.conf", "target: /etc/nats/users.conf", "command: [\"--config\""),
        Edit("Dockerfile CMD with a password flag", "no-secrets", SonicDockerfile, "USER 999:1000", "USER 999:1000\nCMD [\"redis-server\", \"--requirepass\", \"s3cr3tV4lue\"]", "CMD ["),
        Edit("Dockerfile RUN with redis-cli -a", "no-secrets", SonicDockerfile, "USER 999:1000", "RUN redis-cli -a s3cr3tV4lue ping || true\nUSER 999:1000", "RUN redis-cli"),
        Edit("Dockerfile ARG with a password default", "no-secrets", SonicDockerfile, "USER 999:1000", "ARG ADMIN_PASSWORD=s3cr3tV4lue\nUSER 999:1000", "ARG ADMIN_PASSWORD"),
        new("env_file (string) holding a password", "no-secrets", "services/cache/secrets.env", repo => repo
            .Write("services/cache/secrets.env", "# local settings\nREDIS_PASSWORD=s3cr3tV4lue\n")
            .Edit(Sonic, "    container_name: arc-cache\n", "    container_name: arc-cache\n    env_file: secrets.env\n"), "REDIS_PASSWORD"),
        new("env_file (list) holding a token", "no-secrets", "services/cache/exporter.env", repo => repo
            .Write("services/cache/exporter.env", "export API_TOKEN='s3cr3tV4lue'\n")
            .Edit(Sonic, "    container_name: arc-cache-exporter\n", "    container_name: arc-cache-exporter\n    env_file:\n      - exporter.env\n"), "API_TOKEN"),

        // Listen addresses (issue 8 §2): loopback only, and NATS' -a is an address, not a credential.
        Edit("NATS --addr on every interface", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"--addr\", \"0.0.0.0\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("NATS -a on a LAN address (not a credential)", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"-a\", \"10.0.0.5\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("NATS --cluster on 0.0.0.0", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"--cluster\", \"nats://0.0.0.0:6222\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("NATS --routes to another host", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"--routes=nats://127.0.0.1:6222,nats://10.1.1.1:6222\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("NATS https monitor on every interface", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"-ms\", \"0.0.0.0:8443\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("NATS websocket and leafnode listeners", "listen-loopback-only", Flash, "\"--jetstream\", \"--store_dir\"", "\"--websocket\", \"[::]:8080\", \"--leafnodes\", \"nats://0.0.0.0:7422\", \"--jetstream\", \"--store_dir\"", "command:"),
        Edit("Redis --bind with a public address", "listen-loopback-only", Sonic, "\"redis-server\", ", "\"redis-server\", \"--bind\", \"127.0.0.1\", \"0.0.0.0\", ", "command:"),
        Edit("exporter --web.listen-address without a host", "listen-loopback-only", Sonic, "    container_name: arc-cache-exporter\n", "    container_name: arc-cache-exporter\n    command: [\"--web.listen-address\", \":9121\"]\n", "--web.listen-address"),
        Edit("exporter listen address in the environment", "listen-loopback-only", Sonic, "      REDIS_ADDR:", "      REDIS_EXPORTER_WEB_LISTEN_ADDRESS: \"0.0.0.0:9121\"\n      REDIS_ADDR:", "REDIS_EXPORTER_WEB_LISTEN_ADDRESS"),

        // What runs is the technology's own executable (issue 8 §1).
        Edit("NATS started through env", "service-runs-own-executable", Flash, "[\"--config\", ", "[\"env\", \"PATH=/tmp\", \"nats-server\", \"--config\", ", "command:"),
        Edit("Pulsar started through bash -c", "service-runs-own-executable", Strange, "[\"bin/pulsar\", \"standalone\", \"--no-functions-worker\"]", "[\"/bin/bash\", \"-c\", \"bin/pulsar standalone --no-functions-worker\"]", "command:"),
        Edit("Redis exporter behind a shell entrypoint", "service-runs-own-executable", Sonic, "    container_name: arc-cache-exporter\n", "    container_name: arc-cache-exporter\n    entrypoint: [\"/bin/sh\", \"-c\"]\n", "entrypoint:"),
        Edit("NATS exporter replaced by another program", "service-runs-own-executable", Flash, "[\"-varz\", ", "[\"/usr/bin/python3\", \"-varz\", ", "-varz"),

        // Friday collector.
        Edit("no otlp receiver in the metrics pipeline", "collector-prometheus-in-pipeline", Collector, "receivers: [otlp, prometheus]", "receivers: [prometheus]", "receivers: [prometheus]"),
        Edit("a declared endpoint is not scraped", "collector-scrapes-declared-metrics", Collector, "        - job_name: arc-streaming\n          scrape_interval: 30s\n          metrics_path: /metrics\n          static_configs:\n            - targets: [\"arc-streaming:8080\"]\n", "", "scrape_configs:"),
        Edit("plan's dead scrape target arc-messaging:8222", "collector-scrapes-declared-metrics", Collector, "arc-messaging-exporter:7777", "arc-messaging:8222", "arc-messaging:8222"),
        Edit("scrape path disagrees", "collector-scrapes-declared-metrics", Collector, "          scrape_interval: 30s\n          metrics_path: /metrics", "          scrape_interval: 30s\n          metrics_path: /prometheus", "targets: [\"arc-streaming:8080\"]"),
        Edit("collector off arc_platform_net", "collector-on-both-networks", Otel, "      - arc_otel_net\n      - arc_platform_net\n", "      - arc_otel_net\n", "    networks:\n      - arc_otel_net\n\n  # Creates"),
        Edit("arc_otel_net not internal", "otel-storage-internal", Otel, "    internal: true\n", "    internal: false\n", "  arc_otel_net:"),
        Edit("storage on arc_platform_net", "otel-storage-internal", Otel, "    restart: on-failure\n    networks:\n      - arc_otel_net\n", "    restart: on-failure\n    networks:\n      - arc_otel_net\n      - arc_platform_net\n", "    networks:\n      - arc_otel_net\n      - arc_platform_net\n\n  arc-friday-clickhouse:"),

        // Profiles.
        Edit("think lacks strange", "profile-think-members", "services/profiles.yaml", "    - cortex\n    - flash\n    - strange\n", "    - cortex\n    - flash\n", "think:"),
        Edit("think does not list cortex", "profile-think-members", "services/profiles.yaml", "think:\n  description: 'Minimal viable platform — just enough to think'\n  services:\n    - cortex\n", "think:\n  description: 'Minimal viable platform — just enough to think'\n  services:\n", "think:"),

        // Make.
        Edit("service .mk files not included", "makefile-includes-every-mk", "Makefile", "include $(wildcard services/*/*.mk)\n", "", null),
        Edit("include of a file that does not exist", "makefile-includes-every-mk", "Makefile", "include services/*.mk\n", "include services/*.mk services/otel.mk\n", "include services/*.mk"),
        Edit("target missing from .PHONY", "mk-required-targets", "services/messaging/flash.mk", " flash-logs flash-clean", " flash-clean", "flash-logs: $(ARC_BIN)"),
        Edit("target without its ## line", "mk-required-targets", "services/cache/sonic.mk", "## sonic-nuke:", "# sonic-nuke:", "sonic-nuke: $(ARC_BIN)"),
        Edit("target not defined", "mk-required-targets", "services/streaming/strange.mk", "strange-build-fresh: $(ARC_BIN)", "strange-rebuild: $(ARC_BIN)"),
        new("service .mk missing", "mk-required-targets", "services/streaming/strange.mk", repo => repo.Delete("services/streaming/strange.mk"), "#1"),
        Edit("clean skips the question", "mk-destructive-confirm", "services/messaging/flash.mk", "\t$(ARC) clean flash\n", "\t$(ARC) clean flash --yes\n", "flash-clean: $(ARC_BIN)"),
        Edit("nuke deletes without asking", "mk-destructive-confirm", "services/cache/sonic.mk", "\t$(ARC) clean sonic --images\n", "\tdocker volume rm arc-cache-data\n", "sonic-nuke: $(ARC_BIN)"),
        Edit("aggregate missing", "messaging-aggregates", "services/messaging.mk", "messaging-logs: $(ARC_BIN)", "messaging-log: $(ARC_BIN)"),
        Edit("messaging-up does not create the network", "messaging-aggregates", "services/messaging.mk",
            "\t@if docker info >/dev/null 2>&1; then \\\n\t\tdocker network inspect arc_platform_net >/dev/null 2>&1 \\\n\t\t\t|| docker network create arc_platform_net >/dev/null; \\\n\tfi\n", "", "messaging-up: $(ARC_BIN)"),

        // Workflows.
        Edit("paths filter wider than the service", "workflow-images-path-filters", Images, "- 'services/cache/**'", "- 'services/**'", "            sonic:"),
        Edit("paths filter missing for a service", "workflow-images-path-filters", Images, "            strange:\n              - 'services/streaming/**'\n", ""),
        Edit("build gated on another service's filter", "workflow-images-path-filters", Images, "if: needs.changes.outputs.sonic == 'true'", "if: needs.changes.outputs.flash == 'true'", "if: needs.changes.outputs.flash == 'true'\n    runs-on: ubuntu-latest\n    timeout-minutes: 15\n    permissions:\n      contents: read\n      packages: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/setup-buildx-action@v3\n      - if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n        uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ github.token }}\n      - uses: docker/build-push-action@v6\n        with:\n          context: services/cache"),
        Edit("CI builds arm64 too", "workflow-images-path-filters", Images, "          context: services/streaming\n          platforms: linux/amd64", "          context: services/streaming\n          platforms: linux/amd64,linux/arm64", "platforms: linux/amd64,linux/arm64"),
        Edit("CI pushes from every branch", "workflow-images-path-filters", Images, "          context: services/cache\n          platforms: linux/amd64\n          push: ${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}", "          context: services/cache\n          platforms: linux/amd64\n          push: true", "push: true"),
        Edit("release on the wrong tags", "workflow-release-tag", Release, "- 'messaging/v*'", "- 'v*'", "- 'v*'"),
        Edit("release amd64 only", "workflow-release-tag", Release, "platforms: linux/amd64,linux/arm64", "platforms: linux/amd64", null),
        Edit("release publishes before the scan", "workflow-release-tag", Release, "        uses: aquasecurity/trivy-action@57a97c7e7821a5776cebc9bb87c984fa69cba8f1", "        uses: actions/upload-artifact@v4", "- name: Build and push (linux/amd64, linux/arm64)"),
        Edit("scan that gates nothing", "workflow-release-tag", Release, "exit-code: '1'", "exit-code: '0'", "- name: Vulnerability scan (fails on CRITICAL)"),
        Edit("no GitHub release", "workflow-release-tag", Release, "gh release create", "echo release", null),
        Edit("CI runs no tests", "workflow-ci-runs-tests", ".github/workflows/ci.yml", "run: sudo -E env \"PATH=$PATH\" bash .ci/run", "run: echo skipped", null),
    ];

    public static BreakCase Named(string name) => All.Single(c => c.Name == name);

    private static string WithoutComments(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Select(l => l.Contains(" #", StringComparison.Ordinal) ? l[..l.IndexOf(" #", StringComparison.Ordinal)] : l));
}
