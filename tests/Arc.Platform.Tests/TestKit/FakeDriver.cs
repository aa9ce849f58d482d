using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// An <see cref="IServiceDriver"/> with scripted outcomes and no processes: it starts what it is told to,
/// keeps a set of "running" services, and writes every call to a shared <see cref="CallLog"/>.
/// </summary>
public sealed class FakeDriver(CallLog log, string name = "native") : IServiceDriver
{
    private readonly ConcurrentDictionary<string, Func<StartOutcome>> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Detail, Remedy? Remedy)> _missingRuntimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dying = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _unseenAfterStart = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _startedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _unseenSightings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RestartState> _restarting = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>How many inspections missed a started service inside its <see cref="UnseenWhileLaunching"/> window.</summary>
    public int UnseenSightings(string codename) => _unseenSightings.GetValueOrDefault(codename);

    /// <summary>What runs now: started (or declared running) and not stopped since.</summary>
    public ConcurrentDictionary<string, bool> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Already running before the command: start reports AlreadyRunning.</summary>
    public FakeDriver AlreadyRunning(string codename)
    {
        Running[codename] = true;
        return this;
    }

    /// <summary>Its runtime is not installed: start skips it with <paramref name="detail"/> and <paramref name="remedy"/>, inspect says RuntimeMissing.</summary>
    public FakeDriver RuntimeMissing(string codename, string detail = "install it", Remedy? remedy = null)
    {
        _missingRuntimes[codename] = (detail, remedy);
        return this;
    }

    /// <summary>Start throws a <see cref="DriverException"/> (a port held by a foreign process, say), naming <paramref name="remedy"/> when given.</summary>
    public FakeDriver FailsToStart(string codename, string message, Remedy? remedy = null)
    {
        _starts[codename] = () => throw new DriverException(message) { Remedy = remedy };
        return this;
    }

    /// <summary>Start throws something arc does not expect: a bug.</summary>
    public FakeDriver Crashes(string codename, string message)
    {
        _starts[codename] = () => throw new InvalidOperationException(message);
        return this;
    }

    /// <summary>Starts, then dies at once: inspect never sees it running.</summary>
    public FakeDriver Dies(string codename)
    {
        _dying[codename] = true;
        return this;
    }

    /// <summary>Starts, but inspections during the first <paramref name="launch"/> after the start do not see it yet (a launch still exec'ing).</summary>
    public FakeDriver UnseenWhileLaunching(string codename, TimeSpan launch)
    {
        _unseenAfterStart[codename] = launch;
        return this;
    }

    /// <summary>Its process is down with a restart pending (a supervisor's back-off): inspect says so, as the native driver does.</summary>
    public FakeDriver Restarting(string codename, RestartState restart)
    {
        _restarting[codename] = restart;
        Running[codename] = true;
        return this;
    }

    public Task<StartOutcome> StartAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        log.Record("start", service.Codename);
        _startedAt[service.Codename] = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_missingRuntimes.TryGetValue(service.Codename, out var missing))
            return Task.FromResult(new StartOutcome(StartKind.Skipped, missing.Detail) { Remedy = missing.Remedy });
        if (_starts.TryGetValue(service.Codename, out var scripted))
            return Task.FromResult(scripted());
        if (Running.ContainsKey(service.Codename))
            return Task.FromResult(new StartOutcome(StartKind.AlreadyRunning, "pid 41"));
        if (!_dying.ContainsKey(service.Codename))
            Running[service.Codename] = true;
        return Task.FromResult(new StartOutcome(StartKind.Started, "pid 42"));
    }

    public Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("stop", service.Codename);
        Running.TryRemove(service.Codename, out _);
        return Task.CompletedTask;
    }

    public Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("clean", service.Codename);
        Running.TryRemove(service.Codename, out _);
        return Task.CompletedTask;
    }

    public Task<RuntimeInfo> InspectAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("inspect", service.Codename);
        if (_missingRuntimes.TryGetValue(service.Codename, out var missing))
            return Task.FromResult(RuntimeInfo.Stopped(missing.Detail) with { RuntimeMissing = true, Remedy = missing.Remedy });
        if (_unseenAfterStart.TryGetValue(service.Codename, out var launch) && _startedAt.TryGetValue(service.Codename, out var started)
            && System.Diagnostics.Stopwatch.GetElapsedTime(started) < launch)
        {
            _unseenSightings.AddOrUpdate(service.Codename, 1, (_, count) => count + 1);
            return Task.FromResult(RuntimeInfo.Stopped());
        }
        if (_restarting.TryGetValue(service.Codename, out var restart))
            return Task.FromResult(RuntimeInfo.Stopped($"restarting ({restart.Describe()})") with { Restarting = restart });
        return Task.FromResult(Running.ContainsKey(service.Codename)
            ? new RuntimeInfo(true, "pid 42", [$"127.0.0.1:{service.Ports[0].Host}"], [], "pid 42 (fake)")
            : RuntimeInfo.Stopped());
    }

    public async IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        log.Record("logs", service.Codename);
        yield return $"{service.Codename} line 1";
        yield return $"{service.Codename} line 2";
        if (follow)
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
