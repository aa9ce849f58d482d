using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Drivers.Native;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NativeUpTests
{
    [NativeFact]
    public async Task Up_transport_brings_flash_and_sonic_to_healthy_and_skips_strange_without_failing()
    {
        await using var stack = NativeStack.Create();

        var result = await stack.UpAsync("transport");

        Assert.True(result.Success, Describe(result));
        Assert.Equal(ServiceStatus.Healthy, Row(result, "flash").Status);
        Assert.Equal(ServiceStatus.Healthy, Row(result, "sonic").Status);
        var strange = Row(result, "strange");
        Assert.Equal(ServiceStatus.Skipped, strange.Status);
        Assert.Contains("PULSAR_HOME", strange.Detail);
        Assert.Equal(new UseDriver(DriverChoice.Docker), strange.Remedy);
    }

    [NativeFact]
    public async Task The_pid_up_names_is_the_servers_or_is_labelled_as_the_supervisors()
    {
        await using var stack = NativeStack.Create();

        var detail = Row(await stack.UpHealthyAsync("sonic"), "sonic").Detail;

        var record = stack.Record("sonic");
        var named = detail.StartsWith("started, supervisor pid ", StringComparison.Ordinal) ? record.Server.Pid : stack.ServerPid("sonic");
        Assert.Matches($"^started, (supervisor )?pid {named}\\b", detail);
        Assert.NotEqual(record.Server.Pid, stack.ServerPid("sonic"));
    }

    [NativeFact]
    public async Task Up_flash_provisions_the_declared_streams_which_arc_and_the_server_both_list()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash")).Success);

        var list = await stack.ArcAsync("--json", "streams", "list");
        using var http = new HttpClient();
        var jsz = await http.GetStringAsync($"http://127.0.0.1:{stack.Service("flash").Port("monitor").Host}/jsz?streams=true");

        Assert.Equal(0, list.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(list.Out);
        var names = document.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        foreach (var stream in new[] { "AGENT_COMMANDS", "AGENT_EVENTS", "SYSTEM_METRICS" })
        {
            Assert.Contains(stream, names);
            Assert.Contains($"\"{stream}\"", jsz);
        }
        Assert.Contains(stack.Events, e => e.Stage == LifecycleStage.Provisioned && e.Detail.Contains("AGENT_COMMANDS"));
    }

    [NativeFact]
    public async Task Streams_apply_on_a_provisioned_server_changes_nothing()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("flash")).Success);

        var apply = await stack.ArcAsync("--json", "streams", "apply");

        Assert.Equal(0, apply.ExitCode);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(apply.Out, "\"action\":\"unchanged\""));
    }

    [NativeFact]
    public async Task Streams_list_without_a_running_flash_fails_naming_its_url()
    {
        await using var stack = NativeStack.Create();

        var list = await stack.ArcAsync("streams", "list");

        Assert.Equal(1, list.ExitCode);
        Assert.Contains($"127.0.0.1:{stack.Service("flash").Port("client").Host}", list.Err);
    }

    [NativeFact]
    public async Task Up_json_prints_exactly_one_document_on_stdout_and_progress_on_stderr()
    {
        await using var stack = NativeStack.Create();

        var run = await stack.ArcAsync("--json", "up", "sonic", "--driver", "native");

        Assert.Equal(0, run.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.True(document.RootElement.GetProperty("elapsed_ms").GetInt64() >= 0);
        var sonic = Assert.Single(document.RootElement.GetProperty("services").EnumerateArray());
        foreach (var field in new[] { "codename", "name", "status", "driver", "endpoint", "latency_ms", "detail" })
            Assert.True(sonic.TryGetProperty(field, out _), field);
        Assert.Equal("healthy", sonic.GetProperty("status").GetString());
        Assert.Contains("sonic: started", run.Err);
    }

    [NativeFact]
    public async Task Every_listening_socket_of_the_started_servers_is_on_loopback()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");

        var pids = new[] { "flash", "sonic" }.SelectMany(stack.ServicePids);
        var sockets = pids.SelectMany(ListeningSockets.Of).ToList();

        Assert.NotEmpty(sockets);
        Assert.All(sockets, address => Assert.True(address.StartsWith("127.0.0.1:", StringComparison.Ordinal) || address.StartsWith("[::1]:", StringComparison.Ordinal), address));
    }

    [NativeFact]
    public async Task Servers_never_run_as_root_and_own_their_private_data_directory()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");

        foreach (var codename in new[] { "flash", "sonic" })
        {
            var uid = ProcessFacts.RealUid(stack.ServerPid(codename));
            Assert.Equal(uid, ProcessFacts.RealUid(stack.Record(codename).Server.Pid));
            Assert.NotNull(uid);
            if (Environment.IsPrivilegedProcess)
                Assert.NotEqual(0, uid);
            var data = stack.Driver.Paths.DataDirectory(codename);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        }
    }

    [NativeFact]
    public async Task A_second_up_starts_nothing_new()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var pids = new[] { stack.Record("flash").Server.Pid, stack.Record("sonic").Server.Pid };

        var again = await stack.UpAsync("flash", "sonic");

        Assert.True(again.Success, Describe(again));
        Assert.Equal(pids, new[] { stack.Record("flash").Server.Pid, stack.Record("sonic").Server.Pid });
        Assert.All(again.Services, s => Assert.Contains("already running", s.Detail));
    }

    [NativeFact]
    public async Task Down_leaves_no_process_and_no_record()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        var pids = new[] { "flash", "sonic" }
            .SelectMany(c => stack.Record(c).Sidecars.Select(s => s.Pid).Append(stack.Record(c).Server.Pid).Concat(stack.ServicePids(c)))
            .ToList();

        await stack.DownAsync("flash", "sonic");

        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down"));
        Assert.False(File.Exists(stack.Driver.Paths.RecordFile("flash")));
        Assert.False(File.Exists(stack.Driver.Paths.RecordFile("sonic")));
    }

    [NativeFact]
    public async Task Status_reports_pid_ports_and_exporters()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);

        var status = await stack.Lifecycle().StatusAsync(new StatusOptions { Driver = DriverChoice.Native }, CancellationToken.None);

        var sonic = Row(status, "sonic");
        Assert.Equal(ServiceStatus.Healthy, sonic.Status);
        Assert.Contains($"pid {stack.ServerPid("sonic")} as ", sonic.Detail);
        Assert.Contains("restarts: 0", sonic.Detail);
        Assert.Contains($"127.0.0.1:{stack.Service("sonic").Port("client").Host}", sonic.Detail);
        Assert.Contains("prometheus-redis-exporter", sonic.Detail);
        var flash = Row(status, "flash");
        Assert.Equal(ServiceStatus.Stopped, flash.Status);
        if (Arc.Platform.Technologies.ExecutableLocator.Find("prometheus-nats-exporter") is null)
            Assert.Contains("prometheus-nats-exporter absent", flash.Detail);
    }

    [NativeFact]
    public async Task Health_deep_does_round_trips_on_running_services_and_reports_stopped_ones()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");
        await stack.DownAsync("flash");

        var health = await stack.Lifecycle().HealthAsync(stack.Registry().Resolve(["flash", "sonic"]), new HealthOptions { Driver = DriverChoice.Native, Deep = true }, CancellationToken.None);

        Assert.False(health.Success);
        Assert.Equal(ServiceStatus.Healthy, Row(health, "sonic").Status);
        Assert.Equal(ServiceStatus.Stopped, Row(health, "flash").Status);
    }

    [NativeFact]
    public async Task Logs_carry_each_services_lines_prefixed_with_its_codename()
    {
        await using var stack = NativeStack.Create();
        await stack.UpHealthyAsync("flash", "sonic");

        var lines = new List<string>();
        await foreach (var line in stack.Lifecycle().LogsAsync(stack.Registry().Resolve(["flash", "sonic"]), new LogOptions { Driver = DriverChoice.Native }, CancellationToken.None))
            lines.Add(line);

        Assert.Contains(lines, l => l.StartsWith("flash | ", StringComparison.Ordinal) && l.Contains("Server is ready"));
        Assert.Contains(lines, l => l.StartsWith("sonic | ", StringComparison.Ordinal) && l.Contains("Ready to accept connections"));
    }

    [NativeFact]
    public async Task Logs_follow_yields_lines_appended_after_it_started()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        using var stop = new CancellationTokenSource();
        var seen = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var line in stack.Lifecycle().LogsAsync(stack.Registry().Resolve(["sonic"]), new LogOptions { Driver = DriverChoice.Native, Follow = true }, stop.Token))
                if (line.Contains("User requested shutdown"))
                    seen.TrySetResult();
        });

        await stack.DownAsync("sonic");
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await reader;
    }
}
