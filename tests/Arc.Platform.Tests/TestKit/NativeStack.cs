using System.Collections.Concurrent;
using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A temporary copy of the repository whose service.yaml files publish free host ports (the
/// compose files keep the container ports, as in the real repo), with the real native driver
/// behind it. Never touches a developer's .arc/ or ports; stops everything it started on dispose.
/// </summary>
public sealed class NativeStack : IAsyncDisposable
{
    private NativeStack(TempRepo repo)
    {
        Repo = repo;
        Driver = new NativeDriver(repo.Root, Technologies.For, new NativeDriverOptions { StopGrace = TimeSpan.FromSeconds(5) });
    }

    public TempRepo Repo { get; }
    public TechnologyCatalog Technologies { get; } = TechnologyCatalog.CreateDefault();
    public string Root => Repo.Root;
    public NativeDriver Driver { get; }
    public ConcurrentQueue<LifecycleEvent> Events { get; } = new();

    public static NativeStack Create(Action<TempRepo>? edit = null)
    {
        var repo = TempRepo.CopyOfRealRepo();
        new FreePortMap().RewriteServiceFiles(repo.Root, moveMetrics: true);
        edit?.Invoke(repo);
        return new NativeStack(repo);
    }

    public ServiceRegistry Registry() => ServiceRegistry.Load(Root);

    public ServiceDefinition Service(string codename) => Registry().Service(codename);

    public ServiceLifecycle Lifecycle(IProgress<LifecycleEvent>? events = null) =>
        new(Registry(), DriverSelection.Only(Driver), Technologies.For, events ?? new Recorder(Events));

    public Task<LifecycleResult> UpAsync(params string[] targets) => UpAsync(new UpOptions { Timeout = TimeSpan.FromSeconds(60) }, targets);

    /// <summary>`up` that must succeed; a failure names each row's status and detail, so a flaky start says why.</summary>
    public async Task<LifecycleResult> UpHealthyAsync(params string[] targets)
    {
        var result = await UpAsync(targets);
        Assert.True(result.Success, string.Join("; ", result.Services.Select(s => $"{s.Codename} {s.Status}: {s.Detail}")));
        return result;
    }

    public Task<LifecycleResult> UpAsync(UpOptions options, params string[] targets) =>
        Lifecycle().UpAsync(Registry().Resolve(targets), options, CancellationToken.None);

    public Task<LifecycleResult> DownAsync(params string[] targets) =>
        Lifecycle().DownAsync(Registry().Resolve(targets), new DownOptions { Driver = DriverChoice.Native }, CancellationToken.None);

    public NativeRunRecord Record(string codename) =>
        Driver.LiveRecord(codename) ?? throw new InvalidOperationException($"{codename} has no live run record");

    /// <summary>The pid of the server (not its supervisor) running now.</summary>
    public int ServerPid(string codename) =>
        NativeDriver.ServerPid(Record(codename).Server) ?? throw new InvalidOperationException($"{codename}'s server is not running");

    /// <summary>The pids of the server and the exporters running now.</summary>
    public IEnumerable<int> ServicePids(string codename) =>
        Record(codename).Sidecars.Append(Record(codename).Server).Select(p => NativeDriver.ServerPid(p)).OfType<int>();

    /// <summary>`arc ARGS --root this-copy` in-process, as a user would type it.</summary>
    public Task<ArcRunner.Result> ArcAsync(params string[] args) => ArcRunner.RunAsync([.. args, "--root", Root]);

    public async ValueTask DisposeAsync()
    {
        await StopEverythingAsync();
        await Technologies.DisposeAsync();
        Repo.Dispose();
    }

    /// <summary>
    /// Every service of the registry, then whatever else has a run record: an ha: topology's members are services of
    /// their own, and a test may have broken the configuration (the records still prove what runs).
    /// </summary>
    private async Task StopEverythingAsync()
    {
        try
        {
            foreach (var service in Registry().Services)
                await Best(() => Driver.StopAsync(service, CancellationToken.None));
        }
        catch (ConfigException)
        {
            // The run records below still say what runs.
        }
        var recorded = new RecordedServers(Root);
        IReadOnlyList<string> codenames;
        try
        {
            codenames = recorded.Codenames();
        }
        catch (DriverException)
        {
            // A test made the state tree unsafe on purpose (a link, another owner): nothing was started from it.
            return;
        }
        foreach (var codename in codenames)
            await Best(() => recorded.StopAsync(codename, CancellationToken.None));
    }

    private static async Task Best(Func<Task> stop)
    {
        try
        {
            await stop();
        }
        catch (DriverException)
        {
            // Best effort: the test already failed if a server cannot be stopped.
        }
    }

    private sealed class Recorder(ConcurrentQueue<LifecycleEvent> events) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => events.Enqueue(value);
    }
}
