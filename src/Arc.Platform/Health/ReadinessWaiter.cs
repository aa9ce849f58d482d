using System.Diagnostics;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Health;

/// <summary>A probe that failed while waiting: how long the wait has run and what the service said.</summary>
public sealed record WaitProgress(string Codename, TimeSpan Elapsed, int Attempts, string Detail);

/// <summary>How a wait ended. <see cref="LogTail"/> holds the service's last log lines when it did not become healthy.</summary>
public sealed record WaitResult(bool Healthy, TimeSpan Elapsed, ProbeResult LastProbe, IReadOnlyList<string> LogTail);

/// <summary>
/// Polls a service's readiness probe until it answers, the process dies with no restart pending, or
/// the timeout passes: a process in its supervisor's back-off is waited for, since it is coming back.
/// The first probes come quickly (servers are often ready within tens of milliseconds) and the
/// interval grows to a ceiling, so a slow server costs a few probes a second and the waiting
/// itself costs no CPU: every pause is a Task.Delay.
/// </summary>
public static class ReadinessWaiter
{
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxProbeDuration = TimeSpan.FromSeconds(2);
    // How long a process must stay unseen before it counts as dead: a launch passes through a fork and
    // two execs (supervisor → env → server) during which no server runs yet, and on a busy machine that
    // takes tens of milliseconds. A supervisor restarts a dead server after 1 s, so it cannot hide a death.
    private static readonly TimeSpan MinAbsence = TimeSpan.FromMilliseconds(200);
    // Gentle growth: a probe that lands just after the server got ready costs at most ~25% of the time waited so far.
    private const double Backoff = 1.25;
    public const int LogTailLines = 20;

    public static async Task<WaitResult> WaitAsync(ServiceDefinition service, ITechnology technology, IServiceDriver driver,
        TimeSpan timeout, IProgress<WaitProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        var attempts = 0;
        var notRunning = 0;
        var unseenSince = TimeSpan.Zero;
        while (true)
        {
            attempts++;
            var probe = await ProbeOnceAsync(service, technology, Min(MaxProbeDuration, timeout - clock.Elapsed), cancellationToken);
            if (probe.Healthy)
                return new WaitResult(true, clock.Elapsed, probe, []);
            var runtime = await driver.InspectAsync(service, cancellationToken);
            // A process in its supervisor's back-off is coming back: that is worth the rest of the timeout.
            var detail = runtime.Restarting is { } restart ? $"restarting: {restart.Describe()} ({probe.Detail})" : probe.Detail;
            progress?.Report(new WaitProgress(service.Codename, clock.Elapsed, attempts, detail));
            // Two sightings in a row and MinAbsence apart, so a process mid-launch is never taken for dead.
            notRunning = runtime.Running || runtime.Restarting is not null ? 0 : notRunning + 1;
            if (notRunning == 1)
                unseenSince = clock.Elapsed;
            if (notRunning >= 2 && clock.Elapsed - unseenSince >= MinAbsence)
                return await FailAsync(service, driver, clock, probe with { Detail = $"the process exited before it became healthy ({probe.Detail})" }, cancellationToken);
            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
                return await FailAsync(service, driver, clock, probe with { Detail = $"not healthy after {timeout.TotalSeconds:0.#} s ({detail})" }, cancellationToken);
            await Task.Delay(Min(interval, remaining), cancellationToken);
            interval = Min(interval * Backoff, MaxInterval);
        }
    }

    /// <summary>One probe bounded in time; a probe that throws or hangs is a failed probe, not a crash.</summary>
    public static async Task<ProbeResult> ProbeOnceAsync(ServiceDefinition service, ITechnology technology, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit > TimeSpan.Zero ? limit : TimeSpan.FromMilliseconds(1));
        try
        {
            return await technology.ProbeAsync(service, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Fail(Stopwatch.GetElapsedTime(started), "probe timed out");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ProbeResult.Fail(Stopwatch.GetElapsedTime(started), e.Message);
        }
    }

    public static async Task<IReadOnlyList<string>> LogTailAsync(ServiceDefinition service, IServiceDriver driver, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>(LogTailLines + 1);
        await foreach (var line in driver.LogsAsync(service, follow: false, cancellationToken))
        {
            tail.Enqueue(line);
            if (tail.Count > LogTailLines)
                tail.Dequeue();
        }
        return [.. tail];
    }

    private static async Task<WaitResult> FailAsync(ServiceDefinition service, IServiceDriver driver, Stopwatch clock, ProbeResult probe, CancellationToken cancellationToken) =>
        new(false, clock.Elapsed, probe, await LogTailAsync(service, driver, cancellationToken));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
