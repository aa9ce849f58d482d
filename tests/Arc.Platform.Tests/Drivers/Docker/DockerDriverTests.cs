using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.Drivers.Docker;

/// <summary>The docker driver's paths that need no engine: what it does when the engine, the CLI or a file is missing.</summary>
[Trait("Tier", "unit")]
public sealed class DockerDriverTests
{
    private static readonly DockerDriverOptions NoCli = new(Docker: "/nonexistent/arc-test/docker");

    [Fact]
    public async Task An_engine_without_a_docker_cli_does_not_answer()
    {
        Assert.False(await new DockerEngine("/tmp", NoCli).AnswersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_service_without_a_compose_file_is_skipped_with_the_missing_file_named()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var sonic = ServiceRegistry.Load(repo.Root).Service("sonic");
        File.Delete(sonic.ComposeFile);

        var outcome = await new DockerDriver(repo.Root, NoCli).StartAsync(sonic, CancellationToken.None);

        Assert.Equal(StartKind.Skipped, outcome.Kind);
        Assert.Contains(Path.Combine("services", "cache", "docker-compose.yml"), outcome.Detail);
    }

    [Fact]
    public async Task Inspect_without_a_reachable_engine_reports_stopped_and_names_the_missing_container()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var sonic = ServiceRegistry.Load(repo.Root).Service("sonic");

        var runtime = await new DockerDriver(repo.Root, NoCli with { Docker = "false" }).InspectAsync(sonic, CancellationToken.None);

        Assert.False(runtime.Running);
        Assert.Contains("no container arc-cache", runtime.Detail);
        Assert.Contains(runtime.Sidecars, s => s.Name == "arc-cache-exporter" && !s.Running);
    }

    [Fact]
    public void An_override_file_for_the_role_is_layered_after_the_real_compose_file_and_only_then()
    {
        using var repo = TempRepo.CopyOfRealRepo();
        var registry = ServiceRegistry.Load(repo.Root);
        var overrides = Path.Combine(repo.Root, "overrides");
        Directory.CreateDirectory(overrides);
        File.WriteAllText(Path.Combine(overrides, "messaging.override.yml"), "services: {}\n");
        var driver = new DockerDriver(repo.Root, new DockerDriverOptions(OverrideDirectory: overrides));

        Assert.Equal([registry.Service("flash").ComposeFile, Path.Combine(overrides, "messaging.override.yml")], driver.ComposeFiles(registry.Service("flash")));
        Assert.Equal([registry.Service("sonic").ComposeFile], driver.ComposeFiles(registry.Service("sonic")));
    }

    [Fact]
    public void A_container_line_is_parsed_and_a_malformed_one_is_rejected()
    {
        var state = ContainerState.Parse("/arc-cache\t0123456789abcdef\trunning\thealthy\tredis\t127.0.0.1:6379->6379/tcp ");

        Assert.NotNull(state);
        Assert.Equal("arc-cache", state.Name);
        Assert.Equal("0123456789ab", state.Id);
        Assert.True(state.Running);
        Assert.Equal(["127.0.0.1:6379->6379/tcp"], state.Ports);
        Assert.Equal("container arc-cache running, health healthy", state.Describe());
        Assert.Null(ContainerState.Parse("Error: No such object: arc-cache"));
    }

    [Fact]
    public async Task Arc_build_where_no_engine_answers_fails_with_a_clear_message()
    {
        using var repo = TempRepo.CopyOfRealRepo();

        var run = await ArcRunner.RunAsync("--root", repo.Root, "build", "sonic");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--driver docker", run.Err);
    }
}
