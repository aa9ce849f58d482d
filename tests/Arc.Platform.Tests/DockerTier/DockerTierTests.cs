using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Arc.Platform.Secrets;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.DockerTier;

/// <summary>
/// The plan's reviewer checklist, asserted at runtime on the real Dockerfiles and compose files
/// (DESIGN.md §6, tier 3). Services without a stand-in are named in the output, never silently dropped.
/// </summary>
[Collection(DockerTierCollection.Name)]
public sealed class DockerTierTests(DockerTierFixture tier, ITestOutputHelper output)
{
    private static readonly string[] NonRootServices = ["arc-messaging", "arc-cache"];

    /// <summary>Why a service of the compose files cannot run in this tier, by container name.</summary>
    private static readonly Dictionary<string, string> NotRunHere = new()
    {
        ["arc-messaging-exporter"] = "natsio/prometheus-nats-exporter has no Debian package, so no stand-in; left out by tests/docker/compose-overrides/messaging.override.yml",
        ["arc-streaming"] = "apachepulsar/pulsar is not packaged by Debian, so services/streaming/Dockerfile cannot be built without a registry",
    };

    [DockerFact]
    public async Task Arc_up_starts_flash_and_sonic_healthy_and_their_containers_report_healthy()
    {
        output.WriteLine(string.Join("\n", tier.Log));
        using (var up = JsonDocument.Parse(tier.FirstUp!.Out))
        {
            foreach (var row in up.RootElement.GetProperty("services").EnumerateArray())
            {
                Assert.Equal("healthy", row.GetProperty("status").GetString());
                Assert.Equal("docker", row.GetProperty("driver").GetString());
            }
        }

        foreach (var container in new[] { "arc-messaging", "arc-cache" })
            Assert.Equal("healthy", await ContainerHealthAsync(container));
        Assert.Equal("running", await InspectAsync("arc-cache-exporter", "{{.State.Status}}"));
        Assert.Contains("redis_up 1", await MetricsAsync("arc-cache-exporter", 9121, "/metrics"));

        var exporter = await tier.DockerAsync("inspect", "arc-messaging-exporter");
        Assert.NotEqual(0, exporter.ExitCode);
        output.WriteLine($"arc-messaging-exporter not run: {NotRunHere["arc-messaging-exporter"]}");
    }

    [DockerFact]
    public async Task Arc_platform_net_connects_the_services_and_the_collector_stand_in()
    {
        var members = (await Docker("network", "inspect", "arc_platform_net", "--format", "{{range .Containers}}{{.Name}} {{end}}"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Superset(new HashSet<string> { "arc-messaging", "arc-cache", "arc-cache-exporter", DockerTierFixture.CollectorService }, members.ToHashSet());
        output.WriteLine($"arc_platform_net: {string.Join(", ", members)}; arc-streaming not run: {NotRunHere["arc-streaming"]}");
    }

    [DockerFact]
    public async Task Messaging_and_cache_containers_run_as_non_root_users()
    {
        foreach (var container in NonRootServices)
        {
            var user = await InspectAsync(container, "{{.Config.User}}");
            output.WriteLine($"{container}: Config.User = '{user}'");
            Assert.False(user is "" or "0" or "root" || user.StartsWith("0:", StringComparison.Ordinal) || user.StartsWith("root:", StringComparison.Ordinal),
                $"{container} runs as root (Config.User '{user}')");
        }
    }

    [DockerFact]
    public async Task Every_published_port_binds_127_0_0_1_only_on_a_free_port_the_tier_chose()
    {
        var containers = (await Docker("ps", "--format", "{{.Names}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(containers);
        var chosen = tier.Ports.Moved;
        foreach (var container in containers)
        {
            var bindings = (await Docker("port", container)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine($"{container}: {string.Join(", ", bindings)}");
            Assert.All(bindings, b => Assert.Contains("-> 127.0.0.1:", b));
            // Hermetic: never one of the repository's own host ports (4222, 6379, ...), where a developer's stack may run.
            var hostPorts = bindings.Select(b => int.Parse(b[(b.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.All(hostPorts, p => Assert.Contains(p, chosen.Values));
            Assert.All(hostPorts, p => Assert.DoesNotContain(p, chosen.Keys));
        }
    }

    [DockerFact]
    public async Task Every_volume_is_named_arc_and_no_container_mounts_a_host_path_but_arcs_secret_files_read_only()
    {
        var volumes = (await Docker("volume", "ls", "--format", "{{.Name}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine($"volumes: {string.Join(", ", volumes)}");
        Assert.Contains("arc-messaging-jetstream", volumes);
        Assert.Contains("arc-cache-data", volumes);
        Assert.All(volumes, v => Assert.StartsWith("arc-", v));

        // Outside swarm a compose secret is a bind mount: only of a file arc generated, and read-only.
        var secrets = new ContainerCopies(SecretStore.Under(tier.Root)).Directory + "/";
        foreach (var container in (await Docker("ps", "--format", "{{.Names}}")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var mounts = (await InspectAsync(container, "{{range .Mounts}}{{.Type}}|{{.Source}}|{{.RW}} {{end}}")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine($"{container}: {string.Join(", ", mounts)}");
            foreach (var bind in mounts.Where(m => m.StartsWith("bind|", StringComparison.Ordinal)).Select(m => m.Split('|')))
            {
                Assert.StartsWith(secrets, bind[1]);
                Assert.Equal("false", bind[2]);
            }
        }
    }

    [DockerFact]
    public async Task Built_images_carry_the_OCI_and_arc_service_labels()
    {
        foreach (var codename in new[] { "flash", "sonic" })
        {
            var service = tier.Registry.Service(codename);
            var image = await InspectAsync(service.Name, "{{.Config.Image}}");
            var labels = JsonDocument.Parse(await Docker("image", "inspect", image, "--format", "{{json .Config.Labels}}")).RootElement;
            string Label(string key) => labels.TryGetProperty(key, out var v) ? v.GetString() ?? "" : "";
            output.WriteLine($"{image}: {labels}");

            foreach (var key in new[] { "title", "description", "source", "vendor", "licenses" })
                Assert.False(string.IsNullOrWhiteSpace(Label($"org.opencontainers.image.{key}")), $"{image} lacks org.opencontainers.image.{key}");
            Assert.Equal(service.Name, Label("arc.service.name"));
            Assert.Equal(service.Codename, Label("arc.service.codename"));
            Assert.Equal(service.Tech, Label("arc.service.tech"));
        }
    }

    [DockerFact]
    public async Task A_jetstream_message_and_a_redis_key_written_before_down_are_read_back_after_up_and_down_leaves_no_container()
    {
        var payload = $"kept-{Guid.NewGuid():N}";
        var env = await EnvAsync();
        await using (var nats = new NatsConnection(new NatsOpts { Url = env["NATS_URL"] }))
            (await new NatsJSContext(nats).PublishAsync("agent.docker-tier.cmd", payload)).EnsureSuccess();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__sonic"]))
            Assert.True(await redis.GetDatabase().StringSetAsync("docker-tier", payload));

        var down = await tier.ArcAsync("down", "flash", "sonic", "--driver", "docker");
        Assert.True(down.ExitCode == 0, down.Text);
        var left = await Docker("ps", "-a", "--filter", "label=com.docker.compose.project=arc-platform", "--format", "{{.Names}}");
        Assert.DoesNotContain("arc-messaging", left);
        Assert.DoesNotContain("arc-cache", left);

        var up = await tier.ArcAsync("up", "flash", "sonic", "--driver", "docker", "--timeout", "180");
        Assert.True(up.ExitCode == 0, up.Text);
        Assert.Contains("started", up.Err);
        // The same credentials after down and up: `up` reuses what it generated.
        Assert.Equal(env, await EnvAsync());
        await using (var nats = new NatsConnection(new NatsOpts { Url = env["NATS_URL"] }))
        {
            var stream = await new NatsJSContext(nats).GetStreamAsync("AGENT_COMMANDS");
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = "agent.docker-tier.cmd" });
            Assert.Equal(payload, last.Message?.Data is { } data ? System.Text.Encoding.UTF8.GetString(data.Span) : null);
        }
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__sonic"]))
            Assert.Equal(payload, (string?)await redis.GetDatabase().StringGetAsync("docker-tier"));
    }

    [DockerFact]
    public async Task The_collector_stand_in_scrapes_every_target_that_runs_here_with_up_1()
    {
        var targets = await ScrapedTargetsAsync();
        foreach (var skipped in targets.Where(t => NotRunHere.ContainsKey(t.Host)))
            output.WriteLine($"not scraped here: {skipped.Job} {skipped.Host}:{skipped.Port} — {NotRunHere[skipped.Host]}");
        var running = targets.Where(t => !NotRunHere.ContainsKey(t.Host)).ToList();
        Assert.NotEmpty(running);

        foreach (var target in running)
        {
            output.WriteLine($"{target.Job} {target.Host}:{target.Port}: {target.Health} {target.LastError}");
            Assert.True(target.Health == "up", $"{target.Job} ({target.Host}:{target.Port}) is {target.Health}: {target.LastError}");
            Assert.Equal("1", await UpValueAsync(target.Job));
        }
    }

    [DockerFact]
    public async Task Promtool_accepts_the_output_of_every_exporter_that_runs_here()
    {
        var checkedAny = false;
        foreach (var service in tier.Registry.Services.Where(s => s.Metrics is not null))
        {
            var metrics = service.Metrics!;
            if (NotRunHere.TryGetValue(metrics.Service, out var why))
            {
                output.WriteLine($"{metrics.Service}: not checked — {why}");
                continue;
            }
            var text = await MetricsAsync(metrics.Service, metrics.Port, metrics.Path);
            var check = await KitProcess.RunAsync("promtool", ["check", "metrics"], tier.Environment, TimeSpan.FromMinutes(1), stdin: text);
            // promtool exits 1 on text it cannot parse and 3 on naming-convention lint findings; the
            // exporters' metric names are upstream's choice, so findings are reported, not failed.
            output.WriteLine($"{metrics.Service}: promtool exit {check.ExitCode}; {check.Out}{check.Err}");
            Assert.True(check.ExitCode is 0 or 3, check.Text);
            Assert.DoesNotContain("error while linting", check.Out + check.Err);
            checkedAny = true;
        }
        Assert.True(checkedAny, "no exporter ran in the tier");
    }

    [DockerFact]
    public async Task Every_compose_file_passes_compose_config_including_strange_whose_image_cannot_be_built_here()
    {
        var files = Directory.GetFiles(Path.Combine(tier.Root, "services"), "docker-compose.yml", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(Path.Combine("streaming", "docker-compose.yml"), StringComparison.Ordinal));
        foreach (var file in files)
        {
            var config = await tier.ComposeAsync(file, ["config", "--quiet"]);
            Assert.True(config.ExitCode == 0, $"{file}: {config.Text}");
        }
        output.WriteLine($"arc-streaming: compose file valid (compose config); not started — {NotRunHere["arc-streaming"]}");
    }

    [DockerFact]
    public async Task Arc_build_no_cache_rebuilds_the_flash_image()
    {
        var build = await tier.ArcAsync("build", "flash", "--no-cache");

        Assert.True(build.ExitCode == 0, build.Text);
        Assert.Contains("built ghcr.io/arc-framework/arc-messaging from services/messaging without the layer cache", build.Text);
        output.WriteLine(build.Text);
    }

    [DockerFact]
    public async Task Clean_images_removes_sonics_containers_volume_and_images_and_up_brings_it_back()
    {
        var nuke = await tier.ArcAsync("clean", "sonic", "--yes", "--images", "--driver", "docker");

        Assert.True(nuke.ExitCode == 0, nuke.Text);
        Assert.DoesNotContain("arc-cache", await Docker("ps", "-a", "--format", "{{.Names}}"));
        Assert.DoesNotContain("arc-cache-data", await Docker("volume", "ls", "--format", "{{.Name}}"));
        var images = await Docker("images", "--format", "{{.Repository}}:{{.Tag}}");
        Assert.DoesNotContain("ghcr.io/arc-framework/arc-cache:latest", images);

        // The exporter's stand-in went with the rest: the kit restores it from its cache.
        var standins = await KitProcess.RunAsync("bash", [Path.Combine(tier.Kit, "standins.sh")], tier.Environment, TimeSpan.FromMinutes(20));
        Assert.True(standins.ExitCode == 0, standins.Text);
        var up = await tier.ArcAsync("up", "sonic", "--driver", "docker", "--timeout", "180");
        Assert.True(up.ExitCode == 0, up.Text);
    }

    /// <summary>What `arc env --driver docker` prints for Flash and Sonic (credentials included), by name.</summary>
    private async Task<Dictionary<string, string>> EnvAsync()
    {
        var env = await tier.ArcAsync("--json", "env", "flash", "sonic", "--driver", "docker");
        Assert.True(env.ExitCode == 0, env.Text);
        using var document = JsonDocument.Parse(env.Out);
        return document.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private sealed record Target(string Job, string Host, string Port, string Health, string LastError);

    /// <summary>
    /// The stand-in's active targets once every target that runs here is up, or once a deadline passes
    /// (a scrape comes once per interval, and another test may just have recreated an exporter).
    /// </summary>
    private async Task<List<Target>> ScrapedTargetsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var data = (await PrometheusAsync("/api/v1/targets")).GetProperty("data").GetProperty("activeTargets");
            var targets = data.EnumerateArray().Select(t =>
            {
                var address = t.GetProperty("labels").GetProperty("instance").GetString()!;
                return new Target(t.GetProperty("labels").GetProperty("job").GetString()!, address[..address.LastIndexOf(':')], address[(address.LastIndexOf(':') + 1)..],
                    t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString()!);
            }).ToList();
            var settled = targets.Count > 0 && targets.Where(t => !NotRunHere.ContainsKey(t.Host)).All(t => t.Health == "up");
            if (settled || DateTime.UtcNow > deadline)
                return targets;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The latest `up` sample of a job, once it is 1 or a deadline passes (it lags the target's health by one scrape at most).</summary>
    private async Task<string?> UpValueAsync(string job)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var result = (await PrometheusAsync($"/api/v1/query?query=up%7Bjob%3D%22{job}%22%7D")).GetProperty("data").GetProperty("result");
            var value = result.GetArrayLength() > 0 ? result[0].GetProperty("value")[1].GetString() : null;
            if (value == "1" || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<JsonElement> PrometheusAsync(string pathAndQuery)
    {
        var json = await Docker("exec", DockerTierFixture.CollectorService, "wget", "-qO-", $"http://127.0.0.1:9090{pathAndQuery}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>An exporter's page through the host port the compose file publishes for it.</summary>
    private async Task<string> MetricsAsync(string container, int port, string path)
    {
        var binding = (await Docker("port", container, $"{port}/tcp")).Split('\n')[0].Trim();
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://{binding}{path}");
    }

    /// <summary>The compose health check's verdict, once it has one (the first check runs one interval after start).</summary>
    private async Task<string> ContainerHealthAsync(string container)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string health;
        while ((health = await InspectAsync(container, "{{.State.Health.Status}}")) == "starting" && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromSeconds(1));
        return health;
    }

    private Task<string> InspectAsync(string container, string format) => Docker("inspect", "--type", "container", "--format", format, container);

    private async Task<string> Docker(params string[] args)
    {
        var result = await tier.DockerAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)}: {result.Text}");
        return result.Out.Trim();
    }
}
