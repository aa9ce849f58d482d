using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Redis;
using Arc.Platform.Yaml;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Redis;

[Trait("Tier", "unit")]
public class RedisLaunchTests
{
    private static readonly string[] PersistenceAndMemoryFlags = ["--appendonly", "--appendfsync", "--maxmemory", "--maxmemory-policy"];
    // --aclfile: the container's compose secret; natively arc's own file next to the data, or none when open.
    private static readonly string[] HostSpecificFlags = ["--port", "--bind", "--dir", "--protected-mode", "--daemonize", "--logfile", "--aclfile"];

    [SkippableFact]
    public void The_compose_secret_aclfile_becomes_arcs_own_file_with_credentials_and_goes_without()
    {
        var compose = SampleServices.RepositoryCompose("cache", "arc-cache");
        Skip.If(compose is null, "services/cache/docker-compose.yml is not in this checkout yet");
        Assert.Equal("/run/secrets/arc-cache-acl", CommandLineFlags.Pairs([.. compose.Command.Skip(1)])["--aclfile"]);
        var credentials = new Arc.Platform.Secrets.ServiceCredentials("sonic", [new("default", "p1"), new("exporter", "p2")]);

        var sonic = SampleServices.Redis(16379, Path.Combine(TempRepo.RealRoot, "services", "cache"));
        var open = LaunchPlans.Redis(sonic, compose, new NativeLaunchContext("/d", "/l"), name => name);
        var closed = LaunchPlans.Redis(sonic, compose, new NativeLaunchContext("/d", "/l") { Credentials = credentials }, name => name);

        Assert.DoesNotContain("--aclfile", open.Arguments);
        Assert.DoesNotContain("/run/secrets/arc-cache-acl", open.Arguments);
        Assert.Equal("/d/users.acl", CommandLineFlags.Pairs(closed.Arguments)["--aclfile"]);
        Assert.Single(closed.Arguments, a => a == "--aclfile");
        // The exporter's compose user and password file are the container's: natively its own file, or none when open.
        Assert.NotEmpty(open.Sidecars);
        Assert.All(open.Sidecars, s => Assert.False(s.Environment.ContainsKey("REDIS_PASSWORD_FILE") || s.Environment.ContainsKey("REDIS_USER")));
        Assert.All(closed.Sidecars, s => Assert.Equal("/d/exporter-password.json", s.Environment["REDIS_PASSWORD_FILE"]));
    }

    [Fact]
    public void Native_command_is_the_compose_command_plus_loopback_protected_mode_and_data_dir()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, temp);

        var plan = LaunchPlans.Redis(SampleServices.Redis(16379), compose, new NativeLaunchContext("/var/arc/sonic", "/l"), name => $"/usr/bin/{name}");

        Assert.Equal("/usr/bin/redis-server", plan.Executable);
        Assert.Equal(
        [
            "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory", "512mb", "--maxmemory-policy", "noeviction",
            "--bind", "127.0.0.1", "--port", "16379", "--dir", "/var/arc/sonic", "--protected-mode", "yes", "--daemonize", "no", "--logfile", "",
        ], plan.Arguments);
    }

    public static TheoryData<string> ComposeSources => ["sample", "repository"];

    [SkippableTheory]
    [MemberData(nameof(ComposeSources))]
    public void Native_and_compose_command_agree_on_every_persistence_and_memory_flag(string source)
    {
        using var temp = new TempDirectory();
        var compose = source == "sample"
            ? SampleServices.LoadCompose(SampleServices.RedisCompose, temp)
            : SampleServices.RepositoryCompose("cache", "arc-cache");
        Skip.If(compose is null, "services/cache/docker-compose.yml is not in this checkout yet");

        var plan = LaunchPlans.Redis(SampleServices.Redis(16379), compose, new NativeLaunchContext("/d", "/l"), name => name);

        var composeFlags = CommandLineFlags.Pairs([.. compose.Command.Skip(1)]);
        var nativeFlags = CommandLineFlags.Pairs(plan.Arguments);
        Assert.All(PersistenceAndMemoryFlags, flag => Assert.Contains(flag, composeFlags.Keys));
        foreach (var (flag, value) in composeFlags.Where(f => !HostSpecificFlags.Contains(f.Key)))
            Assert.Equal((flag, value), (flag, nativeFlags.GetValueOrDefault(flag)));
    }

    [Fact]
    public void Missing_redis_server_gives_the_apt_get_remedy()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, temp);

        var plan = LaunchPlans.Redis(SampleServices.Redis(16379), compose, new NativeLaunchContext("/d", "/l"), _ => null);

        Assert.Contains("apt-get install -y redis-server", plan.MissingRuntimeRemedy);
    }

    [Fact]
    public void A_config_file_inside_the_image_is_a_located_error()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose.Replace("\"redis-server\", ", "\"redis-server\", \"/etc/redis.conf\", "), temp);

        var error = Assert.Throws<ConfigException>(() =>
            LaunchPlans.Redis(SampleServices.Redis(16379), compose, new NativeLaunchContext("/d", "/l"), name => name));

        Assert.Equal(4, error.Line);
        Assert.Contains("/etc/redis.conf", error.Message);
    }

    [Fact]
    public void Exporter_sidecar_takes_the_compose_environment_with_loopback_addresses()
    {
        using var temp = new TempDirectory();
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, temp);
        var service = SampleServices.Redis(16379, temp.Path);

        var plan = LaunchPlans.Redis(service, compose, new NativeLaunchContext("/d", "/l"), name => $"/usr/bin/{name}");
        var without = LaunchPlans.Redis(service, compose, new NativeLaunchContext("/d", "/l"),
            name => name == RedisLaunch.ExporterBinary ? null : name);

        var sidecar = Assert.Single(plan.Sidecars);
        Assert.Equal("/usr/bin/prometheus-redis-exporter", sidecar.Executable);
        Assert.Empty(sidecar.Arguments);
        Assert.Equal("redis://127.0.0.1:16379", sidecar.Environment["REDIS_ADDR"]);
        Assert.Equal($"127.0.0.1:{service.Metrics!.Port}", sidecar.Environment["REDIS_EXPORTER_WEB_LISTEN_ADDRESS"]);
        Assert.Empty(without.Sidecars);
    }

    [Fact]
    public void Exporter_flags_in_the_compose_command_are_moved_to_loopback_too()
    {
        using var temp = new TempDirectory();
        var yaml = SampleServices.RedisCompose + "\n    command: [\"-redis.addr\", \"redis://arc-cache:6379\", \"-web.listen-address\", \":9121\"]\n";
        var compose = SampleServices.LoadCompose(yaml, temp);
        var service = SampleServices.Redis(16379, temp.Path);

        var sidecar = Assert.Single(LaunchPlans.Redis(service, compose, new NativeLaunchContext("/d", "/l"), name => name).Sidecars);

        Assert.Equal(["-redis.addr", "redis://127.0.0.1:16379", "-web.listen-address", $"127.0.0.1:{service.Metrics!.Port}"], sidecar.Arguments);
    }
}
