using System.Text.Json;
using Arc.Platform.Secrets;
using Arc.Platform.Tests.Secrets;
using NATS.Client.Core;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Arc.Platform.Tests.DockerTier;

/// <summary>
/// Issue 17 in containers: the docker driver's Flash and Sonic refuse strangers, take what `arc env` prints,
/// keep every value out of `docker inspect` and the compose files, rotate, and run open only when asked.
/// </summary>
[Collection(DockerTierCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DockerTierCredentialsTests(DockerTierFixture tier, ITestOutputHelper output)
{
    private const string AuthorizationViolation = "-ERR 'Authorization Violation'";

    [DockerFact]
    public async Task A_client_without_credentials_is_refused_by_the_containers()
    {
        var flash = tier.HostPort("flash", "client");
        var sonic = tier.HostPort("sonic", "client");

        Assert.Equal(AuthorizationViolation, await RawClients.NatsConnectAsync(flash));
        Assert.Equal(AuthorizationViolation, await RawClients.NatsConnectAsync(flash, "arc", "guessed"));
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(sonic, "PING"));
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(sonic, "FLUSHALL"));
        Assert.StartsWith("-WRONGPASS", await RawClients.RedisAsync(sonic, "AUTH default guessed"));
    }

    [DockerFact]
    public async Task What_arc_env_prints_connects_and_health_deep_authenticates()
    {
        var env = await EnvAsync();

        Assert.StartsWith("nats://arc:", env["NATS_URL"]);
        await using (var nats = new NatsConnection(new NatsOpts { Url = env["NATS_URL"] }))
            await nats.PingAsync();
        await using (var nats = new NatsConnection(new NatsOpts { Url = env["ConnectionStrings__flash"] }))
            await nats.PingAsync();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(env["ConnectionStrings__sonic"]))
            Assert.Equal("PONG", (await redis.GetDatabase().ExecuteAsync("PING")).ToString());
        Assert.Equal("+OK", await RawClients.RedisAsync(tier.HostPort("sonic", "client"), $"AUTH {env["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]}"));
        var deep = await tier.ArcAsync("health", "--deep", "flash", "sonic", "--driver", "docker");
        Assert.True(deep.ExitCode == 0, deep.Text);
        var streams = await tier.ArcAsync("streams", "list");
        Assert.True(streams.ExitCode == 0, streams.Text);
    }

    [DockerFact]
    public async Task No_generated_value_is_in_docker_inspect_compose_files_or_arcs_other_output()
    {
        var values = GeneratedValues();
        Assert.NotEmpty(values);
        var seen = new List<(string What, string Text)>();
        foreach (var container in new[] { "arc-messaging", "arc-cache", "arc-cache-exporter" })
            seen.Add(($"docker inspect {container} (env, cmd, labels, mounts)", await Docker("inspect", container)));
        foreach (var file in Directory.GetFiles(Path.Combine(tier.Root, "services"), "*", SearchOption.AllDirectories))
            seen.Add((file, File.ReadAllText(file)));
        foreach (var args in new[] { new[] { "status" }, ["--json", "status"], ["health", "--deep", "flash", "sonic"], ["logs", "flash", "sonic"], ["--json", "up", "flash", "sonic", "--driver", "docker"] })
        {
            var run = await tier.ArcAsync(args);
            seen.Add(($"arc {string.Join(' ', args)}", run.Out + run.Err));
        }
        // The containers' processes (the servers, the health checks' shells and redis-cli) are host processes too: `ps` shows none.
        foreach (var process in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try { seen.Add(($"{process}/cmdline", File.ReadAllText(Path.Combine(process, "cmdline")))); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        foreach (var (what, text) in seen)
            foreach (var value in values)
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{what} holds a generated password");
        output.WriteLine($"{values.Count} generated values absent from {seen.Count} outputs and files");
    }

    [DockerFact]
    public async Task Rotation_restarts_the_containers_with_new_credentials_and_the_old_ones_are_refused()
    {
        var before = await EnvAsync();

        var rotate = await tier.ArcAsync("secrets", "rotate", "flash", "sonic", "--driver", "docker", "--timeout", "180");

        Assert.True(rotate.ExitCode == 0, rotate.Text);
        Assert.Contains("credentials rotated, restarted", rotate.Text);
        var after = await EnvAsync();
        Assert.NotEqual(before["NATS_URL"], after["NATS_URL"]);
        var (_, oldNats) = SecretUrl.Split(before["NATS_URL"]);
        Assert.Equal(AuthorizationViolation, await RawClients.NatsConnectAsync(tier.HostPort("flash", "client"), oldNats!.User, oldNats.Password));
        Assert.StartsWith("-WRONGPASS", await RawClients.RedisAsync(tier.HostPort("sonic", "client"), $"AUTH {before["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]}"));
        await using (var nats = new NatsConnection(new NatsOpts { Url = after["NATS_URL"] }))
            await nats.PingAsync();
        Assert.Equal("+OK", await RawClients.RedisAsync(tier.HostPort("sonic", "client"), $"AUTH {after["CORTEX_BOOTSTRAP_REDIS_PASSWORD"]}"));
        // The container's own health check and the exporter read the new files too.
        Assert.Equal("healthy", await ContainerHealthAsync("arc-cache"));
        Assert.Contains("redis_up 1", await ExporterMetricsAsync());
    }

    [DockerFact]
    public async Task Up_insecure_runs_sonics_containers_open_and_labelled_until_a_plain_up_recreates_them()
    {
        var down = await tier.ArcAsync("down", "sonic", "--driver", "docker");
        Assert.True(down.ExitCode == 0, down.Text);
        try
        {
            var open = await tier.ArcAsync("up", "sonic", "--insecure", "--driver", "docker", "--timeout", "180");
            Assert.True(open.ExitCode == 0, open.Text);
            Assert.Contains(UpCredentials.InsecureLabel, open.Err);
            Assert.Equal("+PONG", await RawClients.RedisAsync(tier.HostPort("sonic", "client"), "PING"));
            var status = await tier.ArcAsync("status");
            Assert.Contains(UpCredentials.InsecureLabel, status.Out);
            Assert.Contains($"# sonic: {UpCredentials.InsecureLabel}", (await tier.ArcAsync("env", "sonic", "--driver", "docker")).Out);
            Assert.Equal("healthy", await ContainerHealthAsync("arc-cache"));
            Assert.Contains("redis_up 1", await ExporterMetricsAsync());
        }
        finally
        {
            await tier.ArcAsync("down", "sonic", "--driver", "docker");
            var closed = await tier.ArcAsync("up", "sonic", "--driver", "docker", "--timeout", "180");
            Assert.True(closed.ExitCode == 0, closed.Text);
        }
        Assert.StartsWith("-NOAUTH", await RawClients.RedisAsync(tier.HostPort("sonic", "client"), "PING"));
    }

    /// <summary>Every password arc generated for Flash and Sonic, from .arc/secrets/.</summary>
    private List<string> GeneratedValues()
    {
        var store = SecretStore.Under(tier.Root);
        return [.. new[] { store.FileOf("flash", "arc"), store.FileOf("sonic", "default"), store.FileOf("sonic", "exporter") }
            .Where(File.Exists).Select(File.ReadAllText).Where(v => v.Length == Passwords.Length)];
    }

    private async Task<Dictionary<string, string>> EnvAsync()
    {
        var env = await tier.ArcAsync("--json", "env", "flash", "sonic", "--driver", "docker");
        Assert.True(env.ExitCode == 0, env.Text);
        using var document = JsonDocument.Parse(env.Out);
        return document.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    /// <summary>The exporter's page once it reports redis_up 1, or the last one after a deadline (it scrapes on request, after its container starts).</summary>
    private async Task<string> ExporterMetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = tier.Registry.Service("sonic").Metrics!;
        var binding = (await Docker("port", metrics.Service, $"{metrics.Port}/tcp")).Split('\n')[0].Trim();
        var url = $"http://{binding}{metrics.Path}";
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var body = "";
        while (!body.Contains("redis_up 1", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            try { body = await http.GetStringAsync(url); } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            if (!body.Contains("redis_up 1", StringComparison.Ordinal))
                await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return body;
    }

    /// <summary>The compose health check's verdict once it has one.</summary>
    private async Task<string> ContainerHealthAsync(string container)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string health;
        while ((health = await Docker("inspect", "--type", "container", "--format", "{{.State.Health.Status}}", container)) == "starting" && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromSeconds(1));
        return health;
    }

    private async Task<string> Docker(params string[] args)
    {
        var result = await tier.DockerAsync(args);
        Assert.True(result.ExitCode == 0, $"docker {string.Join(' ', args)}: {result.Text}");
        return result.Out.Trim();
    }
}
