using System.Text.Json;
using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Reliability;

/// <summary>Every error path of the native driver, made to happen against real servers.</summary>
public sealed class NativeFailureTests
{
    [ReliabilityFact]
    public async Task A_port_held_by_a_foreign_process_fails_naming_port_and_service_and_leaves_it_alone()
    {
        await using var stack = NativeStack.Create();
        var port = stack.Service("sonic").Port("client").Host;
        using var squatter = await ForeignProcess.RedisOnAsync(port);

        var run = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"port {port}", run.Out + run.Err);
        Assert.Contains("sonic", run.Out + run.Err);
        Assert.True(ProcessFacts.IsAlive(squatter.Pid));
        Assert.True(await RedisCli.PingsAsync(port));
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }

    [ReliabilityFact]
    public async Task A_foreign_process_on_the_exporter_port_leaves_the_server_healthy_and_status_names_the_holder()
    {
        await using var stack = NativeStack.Create();
        var metricsPort = stack.Service("sonic").Metrics!.Port;
        using var squatter = await ForeignProcess.RedisOnAsync(metricsPort);

        var up = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "30");
        var status = await stack.ArcAsync("status");

        Assert.Equal(0, up.ExitCode);
        Assert.Empty(stack.Record("sonic").Sidecars);
        Assert.Contains($"not running: port {metricsPort} on 127.0.0.1 is held by pid {squatter.Pid}", status.Out);
        Assert.True(ProcessFacts.IsAlive(squatter.Pid));
    }

    [ReliabilityFact]
    public async Task A_stale_record_whose_pid_is_gone_or_reused_is_replaced_without_touching_the_pid_owner()
    {
        await using var stack = NativeStack.Create();
        using var pidReuser = ForeignProcess.Start("sleep", "300");
        var stale = new ProcessRecord("sonic", pidReuser.Pid, 1, "/usr/bin/dash", [], "arc", DateTimeOffset.UtcNow, "/usr/bin/redis-check-rdb");
        var staleExporter = stale with { Name = "prometheus-redis-exporter", Pid = int.MaxValue - 1, Program = "/usr/bin/prometheus-redis-exporter" };
        new RunRecordStore(stack.Driver.Paths).Write(new NativeRunRecord("sonic", stale, new Dictionary<string, int>(), [staleExporter]));

        var result = await stack.UpAsync("sonic");

        Assert.True(result.Success, Describe(result));
        Assert.Contains("started", Row(result, "sonic").Detail);
        Assert.NotEqual(pidReuser.Pid, stack.Record("sonic").Server.Pid);
        Assert.True(ProcessFacts.IsAlive(pidReuser.Pid));
    }

    [ReliabilityFact]
    public async Task A_missing_binary_named_explicitly_fails_with_its_remedy()
    {
        await using var stack = NativeStack.Create(WithoutRedisBinary);

        var run = await stack.ArcAsync("--json", "up", "sonic", "--driver", "native");

        Assert.Equal(1, run.ExitCode);
        var sonic = SingleRow(run.Out, "sonic");
        Assert.Equal("skipped", sonic.GetProperty("status").GetString());
        Assert.Contains("apt-get install", sonic.GetProperty("detail").GetString());
    }

    [ReliabilityFact]
    public async Task A_missing_binary_pulled_in_by_a_profile_is_skipped_without_failing_unless_strict()
    {
        await using var stack = NativeStack.Create(WithoutRedisBinary);

        var lenient = await stack.ArcAsync("--json", "up", "cacheonly", "--driver", "native");
        var strict = await stack.ArcAsync("--json", "up", "cacheonly", "--driver", "native", "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal("skipped", SingleRow(lenient.Out, "sonic").GetProperty("status").GetString());
        Assert.Equal(1, strict.ExitCode);
    }

    [ReliabilityFact]
    public async Task Health_of_a_missing_runtime_fails_only_when_named_explicitly()
    {
        await using var stack = NativeStack.Create(WithoutRedisBinary);

        var named = await stack.ArcAsync("health", "sonic", "--driver", "native");
        var viaProfile = await stack.ArcAsync("--json", "health", "cacheonly", "--driver", "native");

        Assert.Equal(1, named.ExitCode);
        Assert.Contains("skipped", named.Out);
        Assert.Equal(0, viaProfile.ExitCode);
        Assert.Equal("skipped", SingleRow(viaProfile.Out, "sonic").GetProperty("status").GetString());
    }

    [ReliabilityFact]
    public async Task Up_no_wait_reports_starting_and_returns_at_once()
    {
        await using var stack = NativeStack.Create();

        var run = await stack.ArcAsync("--json", "up", "sonic", "--no-wait", "--driver", "native");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("starting", SingleRow(run.Out, "sonic").GetProperty("status").GetString());
        Assert.NotNull(stack.Driver.LiveRecord("sonic"));
    }

    [ReliabilityFact]
    public async Task A_server_that_never_gets_healthy_times_out_with_exit_1_and_its_last_log_lines()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/messaging/service.yaml", "/healthz", "/no-such-endpoint"));

        var run = await stack.ArcAsync("up", "flash", "--driver", "native", "--timeout", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not healthy after 1 s", run.Err);
        Assert.Contains("last ", run.Err);
        Assert.Contains("Server is ready", run.Err);
    }

    [ReliabilityFact]
    public async Task A_server_that_exits_at_once_fails_when_the_timeout_is_spent_with_its_own_error_message()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/cache/docker-compose.yml", "\"--appendonly\",", "\"--no-such-flag\", \"x\", \"--appendonly\","));

        // A crash loop is waited for like any restart (issue 18.2): it fails once the timeout is spent.
        var result = await stack.UpAsync(new UpOptions { Timeout = TimeSpan.FromSeconds(2) }, "sonic");

        Assert.False(result.Success);
        Assert.Contains("not healthy after 2 s (restarting: exit status 1", Row(result, "sonic").Detail);
        var failure = stack.Events.Single(e => e.Stage == LifecycleStage.Failed);
        Assert.Contains(failure.LogTail!, line => line.Contains("no-such-flag"));
    }

    [ReliabilityFact]
    public async Task Clean_with_yes_stops_and_deletes_the_data()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var pid = stack.Record("sonic").Server.Pid;

        var run = await stack.ArcAsync("clean", "sonic", "--yes", "--driver", "native");

        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(stack.Driver.Paths.DataDirectory("sonic")));
        Assert.False(ProcessFacts.IsAlive(pid));
    }

    [ReliabilityFact]
    public async Task Clean_and_down_of_services_that_never_ran_succeed()
    {
        await using var stack = NativeStack.Create();

        var clean = await stack.ArcAsync("clean", "flash", "sonic", "--yes", "--driver", "native");
        var down = await stack.ArcAsync("down", "--driver", "native");

        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(0, down.ExitCode);
    }

    [ReliabilityFact]
    public async Task Clean_without_yes_refuses_when_stdin_is_not_a_terminal_and_changes_nothing()
    {
        Assert.True(Console.IsInputRedirected, "the test host's stdin is expected to be redirected");
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var pid = stack.Record("sonic").Server.Pid;

        var run = await stack.ArcAsync("clean", "sonic", "--driver", "native");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--yes", run.Err);
        Assert.True(Directory.Exists(stack.Driver.Paths.DataDirectory("sonic")));
        Assert.True(ProcessFacts.IsAlive(pid));
    }

    [ReliabilityFact]
    public async Task Driver_docker_without_a_docker_driver_is_a_clear_error_and_an_unknown_driver_a_usage_error()
    {
        await using var stack = NativeStack.Create();
        var withoutDocker = DriverSelection.Only(stack.Driver);

        var docker = await Assert.ThrowsAsync<DriverException>(() => withoutDocker.ForStartAsync(DriverChoice.Docker, CancellationToken.None));
        var bogus = await stack.ArcAsync("up", "sonic", "--driver", "podman");

        Assert.Equal(new DriverAlternative(DriverChoice.Docker, DriverChoice.Native), docker.Unavailable);
        Assert.Same(stack.Driver, await withoutDocker.ForStartAsync(DriverChoice.Auto, CancellationToken.None));
        Assert.Equal(2, bogus.ExitCode);
        Assert.Contains("podman", bogus.Err);
        Assert.Null(stack.Driver.LiveRecord("sonic"));
    }

    private static void WithoutRedisBinary(TempRepo repo)
    {
        repo.Replace("services/cache/docker-compose.yml", "[\"redis-server\",", "[\"/nonexistent/redis-server\",");
        repo.Replace("services/profiles.yaml", "transport:\n", "cacheonly:\n  description: test profile\n  services: [sonic]\ntransport:\n");
    }
}
