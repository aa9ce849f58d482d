using Arc.Platform.Drivers;
using System.Collections.Concurrent;
using Arc.Cli;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A registry of made-up services (codename → what it depends on) over a <see cref="FakeDriver"/> and a
/// <see cref="FakeTechnology"/>: the lifecycle's rules, exercised in milliseconds with no server.
/// Profile <c>think</c> holds every service, so "pulled in by a profile" and "named" can be compared.
/// </summary>
public sealed class FakeStack : IDisposable
{
    private readonly TempDirectory _directory = new();

    private FakeStack(IReadOnlyList<(string Codename, string[] DependsOn, TimeSpan? Timeout)> services)
    {
        var definitions = services.Select((s, index) => Definition(s.Codename, s.DependsOn, 40000 + index, _directory.Path) with { Timeout = s.Timeout }).ToList();
        Registry = new ServiceRegistry(_directory.Path, definitions,
            [new ProfileDefinition("think", "every fake service", [.. services.Select(s => s.Codename)], [], 1)]);
        Driver = new FakeDriver(Log);
        Technology = new FakeTechnology(Log, codename => Driver.Running.ContainsKey(codename));
    }

    public CallLog Log { get; } = new();
    public FakeDriver Driver { get; }
    public FakeTechnology Technology { get; }
    public ServiceRegistry Registry { get; }
    public ConcurrentQueue<LifecycleEvent> Events { get; } = new();

    /// <summary>Each argument is "codename" or "codename:dependency,dependency", either followed by "@SECONDS" for its service.yaml timeout.</summary>
    public static FakeStack Of(params string[] services) => new([.. services.Select(Parse)]);

    private static (string, string[], TimeSpan?) Parse(string spec)
    {
        var (name, timeout) = spec.Split('@') is [var before, var seconds] ? (before, TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))) : (spec, (TimeSpan?)null);
        return name.Split(':') is [var codename, var deps] ? (codename, deps.Split(','), timeout) : (name, [], timeout);
    }

    public TargetSelection Select(params string[] targets) => Registry.Resolve(targets);

    /// <param name="engine">A driver with an engine registered after the fake (it needs none), as docker is.</param>
    public ServiceLifecycle Lifecycle(DriverRegistration? engine = null) =>
        new(Registry, new DriverSelection(engine is null ? [new DriverRegistration(Driver)] : [new DriverRegistration(Driver), engine]), _ => Technology, new Recorder(Events));

    /// <summary>The CLI wired to this stack's fakes, for exit codes and what it prints.</summary>
    public ArcServices Cli() => new((registry, events) => new ServiceLifecycle(registry, DriverSelection.Only(Driver), _ => Technology, events))
    {
        // `down` with a broken configuration: the records of the fake, when it declares it keeps them, chosen as production chooses.
        RecordStops = (root, choice) => DriverSelection.Only(Driver).RecordStops(choice, root),
    };

    public void Dispose() => _directory.Dispose();

    private static ServiceDefinition Definition(string codename, string[] dependsOn, int port, string root) => new(
        $"arc-{codename}", codename, $"role-{codename}", "fake", "a fake service", "fake-image", "https://example.invalid",
        [new PortBinding("client", port, port)], new HealthSpec("client", null), null, dependsOn,
        Path.Combine(root, codename), $"services/{codename}/service.yaml", new Dictionary<string, SourceLocation>());

    private sealed class Recorder(ConcurrentQueue<LifecycleEvent> events) : IProgress<LifecycleEvent>
    {
        public void Report(LifecycleEvent value) => events.Enqueue(value);
    }
}
