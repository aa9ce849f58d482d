using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Reliability;

/// <summary>
/// Run records arc did not write, or that lie: a record proves a process is ours only when its pid,
/// start time and executable all match what /proc says. Anything less, and the process is left alone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunRecordTrustTests
{
    public enum Forgery { EmptyExecutable, RelativeExecutable, OtherExecutable, ReusedPid, EmptyProgram }

    [ReliabilityTheory]
    [InlineData(Forgery.EmptyExecutable)]
    [InlineData(Forgery.RelativeExecutable)]
    [InlineData(Forgery.OtherExecutable)]
    [InlineData(Forgery.ReusedPid)]
    [InlineData(Forgery.EmptyProgram)]
    public async Task Down_with_a_forged_record_never_kills_the_unrelated_process_it_names(Forgery forgery)
    {
        await using var stack = NativeStack.Create();
        using var bystander = ForeignProcess.Start("sleep", "300");
        var ticks = ProcessTable.StartTicks(bystander.Pid)!.Value;
        var sleep = ProcessTable.Executable(bystander.Pid)!;
        var forged = new ProcessRecord("sonic", bystander.Pid, ticks, sleep, [], "arc", DateTimeOffset.UtcNow, sleep);
        forged = forgery switch
        {
            Forgery.EmptyExecutable => forged with { Executable = "" },
            Forgery.RelativeExecutable => forged with { Executable = "sleep" },
            Forgery.OtherExecutable => forged with { Executable = "/usr/bin/dash" },
            Forgery.ReusedPid => forged with { StartTicks = ticks - 1 },
            _ => forged with { Program = "" },
        };
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(stack.Driver.Paths.RunDirectory).FullName, "sonic.json"),
            System.Text.Json.JsonSerializer.Serialize(new NativeRunRecord("sonic", forged, new Dictionary<string, int>(), []), NativeStateJsonContext.Default.NativeRunRecord));

        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");
        var status = await stack.ArcAsync("status");

        Assert.Equal(0, down.ExitCode);
        Assert.True(ProcessFacts.IsAlive(bystander.Pid), $"down killed pid {bystander.Pid} on a forged record ({forgery})");
        Assert.Contains("stopped", status.Out);
        Assert.False(File.Exists(stack.Driver.Paths.RecordFile("sonic")));
    }

    [ReliabilityTheory]
    [InlineData("{}")]
    [InlineData("{\"codename\": \"sonic\"}")]
    [InlineData("{\"codename\": \"sonic\", \"server\": null, \"ports\": {}, \"sidecars\": []}")]
    [InlineData("{\"codename\": \"sonic\", \"server\": {\"name\": \"sonic\", \"pid\": 1}, \"ports\": {}, \"sidecars\": []}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task A_record_missing_fields_is_a_clear_error_for_up_and_down_finds_nothing_to_stop(string text)
    {
        await using var stack = NativeStack.Create();
        Directory.CreateDirectory(stack.Driver.Paths.RunDirectory);
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), text);

        var up = await stack.ArcAsync("up", "sonic", "--driver", "native", "--timeout", "10");
        var status = await stack.ArcAsync("status", "--driver", "native");
        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");

        Assert.Equal(1, up.ExitCode);
        Assert.Contains("; `arc down` stops the server by what it can prove, or says what it could not stop", status.Out);
        Assert.Contains($"{stack.Driver.Paths.RecordFile("sonic")}: unreadable run record", up.Out + up.Err);
        Assert.Contains("); `arc down` stops the server by what it can prove, or says what it could not stop" + Environment.NewLine, up.Err);
        Assert.DoesNotContain("   at ", up.Err);
        Assert.False(PortCheck.IsAnswering(stack.Service("sonic").Port("client").Host));
        Assert.Equal(0, down.ExitCode);
        Assert.False(File.Exists(stack.Driver.Paths.RecordFile("sonic")));
    }

    [ReliabilityFact]
    public async Task Down_with_an_unreadable_record_stops_its_own_server_by_what_it_can_prove()
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var pids = stack.ServicePids("sonic").Append(stack.Record("sonic").Server.Pid).ToList();
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), "{ \"codename\": \"sonic\", \"server\": ");

        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");

        Assert.Equal(0, down.ExitCode);
        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down"));
        Assert.False(PortCheck.IsAnswering(stack.Service("sonic").Port("client").Host));
    }

    [ReliabilityFact]
    public async Task Down_with_an_unreadable_record_and_a_foreign_server_on_the_port_exits_1_naming_it_and_leaves_it()
    {
        await using var stack = NativeStack.Create();
        var port = stack.Service("sonic").Port("client").Host;
        using var foreign = await ForeignProcess.RedisOnAsync(port);
        Directory.CreateDirectory(stack.Driver.Paths.RunDirectory);
        File.WriteAllText(stack.Driver.Paths.RecordFile("sonic"), "{ broken");

        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains($"port {port} (client) is held by pid {foreign.Pid}", down.Out + down.Err);
        Assert.Contains("cannot prove", down.Out + down.Err);
        Assert.DoesNotContain("stopped", down.Out);
        Assert.True(ProcessFacts.IsAlive(foreign.Pid));
    }

    [ReliabilityTheory]
    [InlineData("command: [\"redis-server\",", "command: [\"redis-server\", {unclosed: ")]
    [InlineData("  arc-cache:\n", "  arc-cache-renamed:\n")]
    [InlineData("services:", "services: [")]
    public async Task Down_works_from_the_run_record_when_the_compose_file_is_broken(string oldText, string newText)
    {
        await using var stack = NativeStack.Create();
        Assert.True((await stack.UpAsync("sonic")).Success);
        var pids = stack.ServicePids("sonic").ToList();
        stack.Repo.Replace("services/cache/docker-compose.yml", oldText, newText);

        var down = await stack.ArcAsync("down", "sonic", "--driver", "native");

        Assert.Equal(0, down.ExitCode);
        Assert.All(pids, pid => Assert.False(ProcessFacts.IsAlive(pid), $"pid {pid} survived down"));
    }
}
