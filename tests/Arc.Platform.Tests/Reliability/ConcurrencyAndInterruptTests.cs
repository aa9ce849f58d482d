using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using static Arc.Platform.Tests.TestKit.Results;

namespace Arc.Platform.Tests.Reliability;

public sealed class ConcurrencyAndInterruptTests
{
    [ReliabilityFact]
    public async Task Up_waits_for_the_lock_of_another_invocation_and_starts_nothing_until_it_is_released()
    {
        await using var stack = NativeStack.Create();
        var waiting = new TaskCompletionSource();
        var observer = new Observer(e =>
        {
            if (e.Stage == LifecycleStage.Note && e.Detail.Contains("waiting for another arc invocation"))
                waiting.TrySetResult();
        });
        Task<LifecycleResult> up;
        using (await InvocationLock.AcquireAsync(stack.Root, _ => { }, CancellationToken.None))
        {
            up = stack.Lifecycle(observer).UpAsync(stack.Registry().Resolve(["sonic"]), new UpOptions(), CancellationToken.None);
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(File.Exists(stack.Driver.Paths.RecordFile("sonic")));
        }

        var result = await up;

        Assert.True(result.Success, Describe(result));
    }

    [ReliabilityFact]
    public async Task Concurrent_ups_start_each_server_exactly_once()
    {
        await using var stack = NativeStack.Create();

        var results = await Task.WhenAll(stack.UpAsync("flash", "sonic"), stack.UpAsync("flash", "sonic"), stack.UpAsync("flash", "sonic"));

        Assert.All(results, r => Assert.True(r.Success, Describe(r)));
        Assert.Equal(2, stack.Events.Count(e => e.Stage == LifecycleStage.Started));
        Assert.Equal(4, stack.Events.Count(e => e.Stage == LifecycleStage.AlreadyRunning));
        Assert.Single(results, r => Row(r, "sonic").Detail.StartsWith("started", StringComparison.Ordinal));
    }

    [ReliabilityFact]
    public async Task Ctrl_C_during_the_wait_leaves_the_started_server_running_with_a_valid_record_that_down_stops()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/messaging/service.yaml", "/healthz", "/never-healthy"));
        using var ctrlC = new CancellationTokenSource();
        var observer = new Observer(e =>
        {
            if (e.Stage == LifecycleStage.Waiting)
                ctrlC.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            stack.Lifecycle(observer).UpAsync(stack.Registry().Resolve(["flash"]), new UpOptions(), ctrlC.Token));

        var record = stack.Record("flash");
        Assert.True(ProcessFacts.IsAlive(record.Server.Pid));
        var again = await stack.UpAsync(new UpOptions { Wait = false }, "flash");
        Assert.Equal(record.Server.Pid, stack.Record("flash").Server.Pid);
        Assert.Contains("already running", Row(again, "flash").Detail);

        await stack.DownAsync("flash");

        Assert.False(ProcessFacts.IsAlive(record.Server.Pid));
        Assert.Null(stack.Driver.LiveRecord("flash"));
    }

    [ReliabilityFact]
    public async Task SIGINT_to_arcs_process_group_as_a_terminal_sends_it_interrupts_arc_with_130_but_not_the_servers()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/messaging/service.yaml", "/healthz", "/never-healthy"));
        var arcDll = Path.Combine(AppContext.BaseDirectory, "arc.dll");
        // setsid puts arc in a process group of its own, like a shell's foreground job; Ctrl-C signals that group.
        var info = new System.Diagnostics.ProcessStartInfo("setsid", ["dotnet", arcDll, "up", "flash", "--driver", "native", "--root", stack.Root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var arc = System.Diagnostics.Process.Start(info)!;
        var stderr = arc.StandardError.ReadToEndAsync();
        var stdout = arc.StandardOutput.ReadToEndAsync();
        await Poll.UntilAsync(() => stack.Driver.LiveRecord("flash") is not null || arc.HasExited, "arc up to write flash's run record", TimeSpan.FromSeconds(60));
        var server = stack.Record("flash").Server.Pid;

        Assert.Equal(0, Kill(-arc.Id, 2));
        await arc.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, arc.ExitCode);
        Assert.Contains("keep running", await stderr);
        await stdout;
        Assert.True(ProcessFacts.IsAlive(server));
        Assert.Equal(server, stack.Record("flash").Server.Pid);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private sealed class Observer(Action<LifecycleEvent> onEvent) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => onEvent(value);
    }
}
