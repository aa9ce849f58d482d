using System.Collections.Concurrent;
using System.Text.RegularExpressions;
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
public sealed partial class NativeStack : IAsyncDisposable
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
        foreach (var file in Directory.GetFiles(Path.Combine(repo.Root, "services"), "service.yaml", SearchOption.AllDirectories))
            File.WriteAllText(file, WithFreePorts(File.ReadAllText(file)));
        edit?.Invoke(repo);
        return new NativeStack(repo);
    }

    public ServiceRegistry Registry() => ServiceRegistry.Load(Root);

    public ServiceDefinition Service(string codename) => Registry().Service(codename);

    public ServiceLifecycle Lifecycle(IProgress<LifecycleEvent>? events = null) =>
        new(Registry(), new DriverSelection(Driver, null), Technologies.For, events ?? new Recorder(Events));

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

    /// <summary>Every service of the registry; when a test broke the configuration, every run record.</summary>
    private async Task StopEverythingAsync()
    {
        ServiceRegistry registry;
        try
        {
            registry = Registry();
        }
        catch (ConfigException)
        {
            var recorded = new RecordedServers(Root);
            foreach (var codename in recorded.Codenames())
                await Best(() => recorded.StopAsync(codename, CancellationToken.None));
            return;
        }
        foreach (var service in registry.Services)
            await Best(() => Driver.StopAsync(service, CancellationToken.None));
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

    /// <summary>
    /// <c>client: 4222</c> becomes <c>client: {host: FREE, container: 4222}</c>, an explicit <c>host:</c> gets a
    /// free port, and so does the exporter's <c>metrics.port</c>: the servers keep their container ports in
    /// the compose files and the driver maps them, exactly as with the real repo.
    /// </summary>
    private static string WithFreePorts(string yaml)
    {
        var section = "";
        var moved = new Dictionary<string, string>();
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (TopLevelKey().Match(line) is { Success: true } top)
                section = top.Groups[1].Value;
            else if (section == "ports" && ShortPort().Match(line) is { Success: true } shortPort)
                lines[i] = $"  {shortPort.Groups[1].Value}: {{host: {Move(shortPort.Groups[2].Value, moved)}, container: {shortPort.Groups[2].Value}}}";
            else if (section == "ports" && HostPort().Match(line) is { Success: true } hostPort)
                lines[i] = $"{hostPort.Groups[1].Value}{Move(hostPort.Groups[2].Value, moved)}";
            else if (section == "metrics" && MetricsPort().IsMatch(line))
                lines[i] = MetricsPort().Replace(line, $"${{1}}{FreePorts.Next()}");
        }
        // The health line names a host port (a URL's :PORT or a command's -p PORT): it moves with it.
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].StartsWith("health: ", StringComparison.Ordinal))
                lines[i] = HealthPort().Replace(lines[i], m => moved.TryGetValue(m.Groups[2].Value, out var to) ? m.Groups[1].Value + to : m.Value);
        return string.Join('\n', lines);
    }

    private static int Move(string hostPort, Dictionary<string, string> moved)
    {
        var free = FreePorts.Next();
        moved[hostPort] = free.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return free;
    }

    [GeneratedRegex(@"(:|-p )(\d+)")]
    private static partial Regex HealthPort();

    [GeneratedRegex(@"^([a-z_]+):")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^  ([a-z_]+): (\d+)\s*$")]
    private static partial Regex ShortPort();

    [GeneratedRegex(@"^(    host: )(\d+)")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"^(  port: )\d+")]
    private static partial Regex MetricsPort();

    private sealed class Recorder(ConcurrentQueue<LifecycleEvent> events) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => events.Enqueue(value);
    }
}
