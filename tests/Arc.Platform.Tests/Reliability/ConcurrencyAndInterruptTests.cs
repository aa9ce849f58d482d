using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using Arc.Platform.Tests.Native;
using static Arc.Platform.Tests.Native.Results;

namespace Arc.Platform.Tests.Reliability;

[Trait("Tier", "reliability")]
public sealed class ConcurrencyAndInterruptTests
{
    [Fact]
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

    [Fact]
    public async Task Concurrent_ups_start_each_server_exactly_once()
    {
        await using var stack = NativeStack.Create();

        var results = await Task.WhenAll(stack.UpAsync("flash", "sonic"), stack.UpAsync("flash", "sonic"), stack.UpAsync("flash", "sonic"));

        Assert.All(results, r => Assert.True(r.Success, Describe(r)));
        Assert.Equal(2, stack.Events.Count(e => e.Stage == LifecycleStage.Started));
        Assert.Equal(4, stack.Events.Count(e => e.Stage == LifecycleStage.AlreadyRunning));
        Assert.Single(results, r => Row(r, "sonic").Detail.StartsWith("started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_during_the_wait_leaves_the_started_server_running_with_a_valid_record_that_down_stops()
    {
        await using var stack = NativeStack.Create(repo => repo.Replace("services/messaging/service.yaml", "path: /healthz", "path: /never-healthy"));
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

    private sealed class Observer(Action<LifecycleEvent> onEvent) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => onEvent(value);
    }
}
