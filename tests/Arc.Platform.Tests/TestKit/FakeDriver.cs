using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Arc.Platform.Drivers;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// An <see cref="IServiceDriver"/> with scripted outcomes and no processes: it starts what it is told to,
/// keeps a set of "running" services, and writes every call to a shared <see cref="CallLog"/>.
/// </summary>
/// <remarks>
/// Held to what the real drivers do by the driver conformance suite (Conformance/): each start is a new
/// process with its own pid (42, then 43 ...; one declared running is 41) and a second start reports the
/// pid that runs; each service has data that down keeps and clean deletes; a killed server is restarted
/// by its supervisor, unseen for one inspection, then running under a new pid.
/// </remarks>
public sealed class FakeDriver(CallLog log, string name = "native") : IServiceDriver
{
    private readonly ConcurrentDictionary<string, Func<StartOutcome>> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Detail, Remedy? Remedy)> _missingRuntimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dying = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _unseenAfterStart = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _startedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _unseenSightings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _unseenInspections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RestartState> _restarting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _killed = new(StringComparer.Ordinal);

    /// <summary>The pid of the first process a start makes; a declared running one is one below.</summary>
    public const int FirstPid = 42;

    public string Name { get; } = name;

    /// <summary>What this fake declares it can do; none unless a test says so.</summary>
    public DriverCapabilities Capabilities { get; set; } = DriverCapabilities.None;

    private readonly ConcurrentDictionary<string, string> _offLoopback = new(StringComparer.Ordinal);

    /// <summary>Its listener audit (when declared) finds <paramref name="listener"/> off loopback after the start.</summary>
    public FakeDriver ListensOffLoopback(string codename, string listener)
    {
        _offLoopback[codename] = listener;
        return this;
    }

    public Task<string?> AuditListenersAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("audit", service.Codename);
        if (!_offLoopback.TryGetValue(service.Codename, out var listener))
            return Task.FromResult<string?>(null);
        Running.TryRemove(service.Codename, out _);
        return Task.FromResult<string?>($"stopped: it listened off loopback ({listener})");
    }

    /// <summary>How many inspections missed a started service inside its <see cref="UnseenWhileLaunching"/> window.</summary>
    public int UnseenSightings(string codename) => _unseenSightings.GetValueOrDefault(codename);

    /// <summary>What runs now: started (or declared running) and not stopped since.</summary>
    public ConcurrentDictionary<string, bool> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Each service's data (what a server persists): down keeps it, clean deletes it.</summary>
    public ConcurrentDictionary<string, string> Data { get; } = new(StringComparer.Ordinal);

    /// <summary>The pid the service runs under now, or null when it does not run.</summary>
    public int? Pid(string codename) => Running.ContainsKey(codename) && _pids.TryGetValue(codename, out var pid) ? pid : null;

    /// <summary>Already running before the command (pid 41): start reports AlreadyRunning.</summary>
    public FakeDriver AlreadyRunning(string codename)
    {
        Running[codename] = true;
        _pids[codename] = FirstPid - 1;
        return this;
    }

    /// <summary>kill -9 of the server: its supervisor restarts it, so one inspection misses it and the next sees a new pid.</summary>
    public void Kill(string codename)
    {
        if (Running.TryRemove(codename, out _))
            _killed[codename] = 1;
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
        _pids.TryAdd(codename, FirstPid - 1);
        return this;
    }

    /// <summary>Starts, but the first <paramref name="inspections"/> inspections after the start do not see it (a launch still exec'ing).</summary>
    public FakeDriver UnseenForInspections(string codename, int inspections)
    {
        _unseenInspections[codename] = inspections;
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
            return Task.FromResult(new StartOutcome(StartKind.AlreadyRunning, $"pid {_pids.GetOrAdd(service.Codename, FirstPid - 1)}"));
        var pid = NewProcess(service.Codename);
        if (!_dying.ContainsKey(service.Codename))
            Running[service.Codename] = true;
        return Task.FromResult(new StartOutcome(StartKind.Started, $"pid {pid}"));
    }

    /// <summary>Declares a record-only stop (<see cref="FakeRecords"/>), as the native driver does.</summary>
    public FakeDriver KeepsRecords()
    {
        Capabilities = Capabilities with { RecordStop = _ => new FakeRecords(this) };
        return this;
    }

    /// <summary>A stop from the record alone (no service.yaml): whether it ran.</summary>
    internal bool StopFromRecord(string codename)
    {
        log.Record("stop-from-record", codename);
        _killed.TryRemove(codename, out _);
        return Running.TryRemove(codename, out _);
    }

    public Task StopAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("stop", service.Codename);
        Running.TryRemove(service.Codename, out _);
        _killed.TryRemove(service.Codename, out _);
        return Task.CompletedTask;
    }

    public Task CleanAsync(ServiceDefinition service, CancellationToken cancellationToken)
    {
        log.Record("clean", service.Codename);
        Running.TryRemove(service.Codename, out _);
        _killed.TryRemove(service.Codename, out _);
        Data.TryRemove(service.Codename, out _);
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
        if (_unseenInspections.TryGetValue(service.Codename, out var unseen) && UnseenSightings(service.Codename) < unseen)
        {
            _unseenSightings.AddOrUpdate(service.Codename, 1, (_, count) => count + 1);
            return Task.FromResult(RuntimeInfo.Stopped());
        }
        if (_restarting.TryGetValue(service.Codename, out var restart))
            return Task.FromResult(RuntimeInfo.Stopped($"restarting ({restart.Describe()})") with { Restarting = restart });
        if (_killed.TryRemove(service.Codename, out _))
        {
            // The supervisor's back-off after a kill -9 (exit status 137): this inspection misses the server,
            // the next one sees its new process.
            NewProcess(service.Codename);
            Running[service.Codename] = true;
            var backOff = new RestartState(1, 137, 1);
            return Task.FromResult(RuntimeInfo.Stopped($"restarting ({backOff.Describe()})") with { Restarting = backOff });
        }
        return Task.FromResult(Running.ContainsKey(service.Codename) && _pids.TryGetValue(service.Codename, out var pid)
            ? new RuntimeInfo(true, $"pid {pid}", [$"127.0.0.1:{service.Ports[0].Host}"], [], $"pid {pid} (fake)")
            : RuntimeInfo.Stopped());
    }

    private int NewProcess(string codename) => _pids.AddOrUpdate(codename, FirstPid, (_, pid) => pid + 1);

    public async IAsyncEnumerable<string> LogsAsync(ServiceDefinition service, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        log.Record("logs", service.Codename);
        yield return $"{service.Codename} line 1";
        yield return $"{service.Codename} line 2";
        if (follow)
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
