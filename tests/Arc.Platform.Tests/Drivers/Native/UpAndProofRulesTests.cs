using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Tests.Drivers.Native;

/// <summary>
/// `up` over what a run record proves, and `down` when the record cannot be read, over a fake OS: a stale
/// record's reused pid is never signalled, a killed supervisor's server is replaced, a held port is refused,
/// and without a record only what works in the service's data directory as its supervisor or server is stopped.
/// </summary>
public sealed class UpAndProofRulesTests
{
    private static SentSignal Term(int group) => new(group, true, PosixSignals.SigTerm);

    [SkippableFact]
    public async Task Up_over_a_record_whose_pid_another_program_reused_starts_afresh_without_signalling_it()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, logger, server) = stack.Running();
        foreach (var process in new[] { supervisor, logger, server })
            stack.Host.Kill(process.Pid);
        var stranger = stack.Host.Reuse(supervisor.Pid, "/usr/bin/vim");

        var outcome = await stack.Driver.StartAsync(stack.Service, CancellationToken.None);

        var started = Assert.Single(stack.Host.Launched);
        var record = stack.Driver.LiveRecord(stack.Codename);
        Assert.NotNull(record);
        Assert.Equal(StartKind.Started, outcome.Kind);
        Assert.Equal($"supervisor pid {record.Server.Pid}", outcome.Detail);
        Assert.NotEqual(supervisor.Pid, record.Server.Pid);
        Assert.Equal("arc-test", record.Server.User);
        Assert.Equal(stack.Program, record.Server.Program);
        Assert.Contains("arc-supervise", started.Arguments);
        Assert.Empty(stack.Host.Signals);
        Assert.True(stranger.Alive);
    }

    [SkippableFact]
    public async Task Up_after_a_supervisor_was_killed_kills_the_server_it_left_then_starts_afresh()
    {
        await using var stack = new FakeHostStack();
        var (supervisor, _, server) = stack.Running();
        stack.Host.Kill(supervisor.Pid);

        var outcome = await stack.Driver.StartAsync(stack.Service, CancellationToken.None);

        Assert.Equal(StartKind.Started, outcome.Kind);
        Assert.Equal([new SentSignal(supervisor.Pid, true, PosixSignals.SigKill)], stack.Host.Signals);
        Assert.False(server.Alive, "the orphaned server still runs beside the new one");
        Assert.Single(stack.Host.Launched);
    }

    [SkippableFact]
    public async Task Up_of_a_running_service_starts_nothing_and_names_the_servers_pid()
    {
        await using var stack = new FakeHostStack();
        var (_, _, server) = stack.Running();

        var outcome = await stack.Driver.StartAsync(stack.Service, CancellationToken.None);

        Assert.Equal(StartKind.AlreadyRunning, outcome.Kind);
        Assert.Equal($"pid {server.Pid}", outcome.Detail);
        Assert.Empty(stack.Host.Launched);
        Assert.Empty(stack.Host.Signals);
    }

    [SkippableFact]
    public async Task Up_refuses_a_port_another_process_holds_and_names_the_holder()
    {
        await using var stack = new FakeHostStack();
        stack.Host.Listen(FakeHostStack.ClientPort, "pid 42 (nc)");

        var refused = await Assert.ThrowsAsync<DriverException>(() => stack.Driver.StartAsync(stack.Service, CancellationToken.None));

        Assert.Equal($"{stack.Codename}: port {FakeHostStack.ClientPort} (client) on 127.0.0.1 is already in use by pid 42 (nc); " +
            $"stop it or change ports.client in {stack.Service.File}", refused.Message);
        Assert.Empty(stack.Host.Launched);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task Down_with_an_unreadable_record_stops_the_supervisor_and_servers_working_in_the_data_directory_and_nothing_else()
    {
        await using var stack = new FakeHostStack();
        var (data, supervisor, server) = ProvenInDataDirectory(stack);
        var elsewhere = stack.Host.Spawn(stack.Shell, arguments: ["-c", "...", "arc-supervise"]);
        elsewhere.WorkingDirectory = "/tmp";
        var orphan = stack.Host.Spawn(stack.Program);
        orphan.WorkingDirectory = data;
        var foreignServer = stack.Host.Spawn(stack.Program);
        foreignServer.WorkingDirectory = "/tmp";

        await stack.Driver.StopAsync(stack.Service, CancellationToken.None);

        Assert.False(supervisor.Alive || server.Alive || orphan.Alive);
        Assert.True(elsewhere.Alive && foreignServer.Alive, "a process of another checkout was stopped");
        Assert.Contains(Term(supervisor.Pid), stack.Host.Signals);
        Assert.Contains(Term(orphan.Pid), stack.Host.Signals);
        Assert.DoesNotContain(stack.Host.Signals, s => s.Target == elsewhere.Pid || s.Target == foreignServer.Pid);
        Assert.False(stack.RecordExists);
    }

    [SkippableFact]
    public async Task Down_with_an_unreadable_record_fails_naming_a_port_holder_it_cannot_prove_and_keeps_the_record()
    {
        await using var stack = new FakeHostStack();
        ProvenInDataDirectory(stack);
        stack.Host.Listen(FakeHostStack.ClientPort, "pid 42 (nc)");

        var failure = await Assert.ThrowsAsync<DriverException>(() => stack.Driver.StopAsync(stack.Service, CancellationToken.None));

        Assert.EndsWith($"port {FakeHostStack.ClientPort} (client) is held by pid 42 (nc) that arc cannot prove it started: not stopped", failure.Message);
        Assert.Contains("unreadable run record", failure.Message);
        Assert.True(stack.RecordExists);
    }

    [SkippableFact]
    public async Task Down_from_the_records_alone_names_a_process_in_the_data_directory_outside_the_proven_groups()
    {
        await using var stack = new FakeHostStack();
        var (data, supervisor, _) = ProvenInDataDirectory(stack);
        var stranger = stack.Host.Spawn("/usr/bin/python3");
        stranger.WorkingDirectory = data;

        var failure = await Assert.ThrowsAsync<DriverException>(() => stack.RecordedServers().StopAsync(stack.Codename, CancellationToken.None));

        Assert.Contains($"pid {stranger.Pid} (python3) still runs in {data}", failure.Message);
        Assert.False(supervisor.Alive);
        Assert.True(stranger.Alive);
    }

    /// <summary>An unreadable record, and a supervisor and its server working in the service's data directory.</summary>
    private static (string Data, FakeProcess Supervisor, FakeProcess Server) ProvenInDataDirectory(FakeHostStack stack)
    {
        Directory.CreateDirectory(stack.DataDirectory);
        var data = PosixFiles.RealPath(stack.DataDirectory)!;
        File.WriteAllText(stack.Driver.Paths.RecordFile(stack.Codename), "{ not json");
        var supervisor = stack.Host.Spawn(stack.Shell, arguments: ["-c", "...", "arc-supervise"]);
        supervisor.WorkingDirectory = data;
        var server = stack.Host.Spawn(stack.Program, supervisor.Pid, supervisor.Pid);
        server.WorkingDirectory = data;
        return (data, supervisor, server);
    }
}
