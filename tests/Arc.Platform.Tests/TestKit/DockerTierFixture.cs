using System.Diagnostics;
using Arc.Platform.Registry;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// Test tier 3: a private Docker engine (tests/docker/engine.sh), the stand-in images
/// (tests/docker/standins.sh), and the real compose files brought up through `arc up --driver docker`,
/// once for the whole collection. Everything is torn down at the end, engine included.
/// </summary>
/// <remarks>
/// `arc` runs as a child process: DOCKER_HOST must reach it without being set in this test process,
/// where it would turn other tests' `--driver auto` into docker.
/// </remarks>
public sealed class DockerTierFixture : IAsyncLifetime
{
    /// <summary>engine.sh's "cannot run here" code (the automake/ctest skip convention).</summary>
    private const int SkipExitCode = 77;

    public const string CollectorService = "arc-friday-collector";

    private readonly List<string> log = [];
    private string? engineDirectory;

    public string Root { get; } = FindRoot();
    public string Kit => Path.Combine(Root, "tests", "docker");
    public string OverrideDirectory => Path.Combine(Kit, "compose-overrides");

    /// <summary>Set when the engine cannot run here: every <see cref="DockerFactAttribute"/> test is skipped with this line.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Set when the engine runs but the kit or the first `arc up` failed: every <see cref="DockerFactAttribute"/> test fails with it.</summary>
    public string? SetupFailure { get; private set; }

    public KitProcess.Result? FirstUp { get; private set; }
    public KitProcess.Result? CollectorUp { get; private set; }
    public IReadOnlyList<string> StandIns { get; private set; } = [];
    public IReadOnlyList<string> Log => log;
    public Dictionary<string, string> Environment { get; } = [];
    public ServiceRegistry Registry { get; }

    public DockerTierFixture() => Registry = ServiceRegistry.Load(Root);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var engine = await KitProcess.RunAsync("bash", [Path.Combine(Kit, "engine.sh"), "start"], Environment, TimeSpan.FromMinutes(5));
        if (engine.ExitCode == SkipExitCode)
        {
            SkipReason = engine.Out.Trim();
            Console.WriteLine(SkipReason);
            return;
        }
        if (engine.ExitCode != 0)
        {
            SetupFailure = $"engine.sh start failed: {engine.Text}";
            return;
        }
        foreach (var line in engine.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
            Environment[key] = value;
        }
        engineDirectory = Environment["ARC_DOCKER_DIR"];
        Environment["DOCKER_CONFIG"] = Path.Combine(engineDirectory, "cli");
        Environment["ARC_COMPOSE_OVERRIDE_DIR"] = OverrideDirectory;
        Note($"engine {Environment["DOCKER_HOST"]} answered after {clock.Elapsed.TotalSeconds:0.0} s");

        var standins = await KitProcess.RunAsync("bash", [Path.Combine(Kit, "standins.sh")], Environment, TimeSpan.FromMinutes(20));
        if (standins.ExitCode != 0)
        {
            SetupFailure = $"standins.sh failed: {standins.Text}";
            return;
        }
        StandIns = standins.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Note($"stand-ins ready after {clock.Elapsed.TotalSeconds:0.0} s:\n  {string.Join("\n  ", StandIns)}");

        FirstUp = await ArcAsync("--json", "up", "flash", "sonic", "--driver", "docker", "--timeout", "180");
        Note($"arc up flash sonic --driver docker: exit {FirstUp.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s");
        if (FirstUp.ExitCode != 0)
        {
            SetupFailure = $"arc up --driver docker failed: {FirstUp.Text}";
            return;
        }
        // The collector is not an arc service: the otel compose file is started as its own project
        // member, without its ClickHouse/ZooKeeper dependencies (no stand-ins exist for those).
        CollectorUp = await ComposeAsync(Path.Combine(Root, "services", "otel", "docker-compose.yml"), ["up", "-d", "--no-deps", CollectorService]);
        Note($"collector stand-in up: exit {CollectorUp.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s");
        if (CollectorUp.ExitCode != 0)
            SetupFailure = $"the collector stand-in did not start: {CollectorUp.Text}";
    }

    public async Task DisposeAsync()
    {
        if (engineDirectory is null)
            return;
        await ComposeAsync(Path.Combine(Root, "services", "otel", "docker-compose.yml"), ["down", "-v"]);
        await ArcAsync("clean", "flash", "sonic", "--yes", "--driver", "docker");
        var stop = await KitProcess.RunAsync("bash", [Path.Combine(Kit, "engine.sh"), "stop", engineDirectory], new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
        Console.WriteLine(stop.Text);
    }

    /// <summary>The real `arc` (the Arc.Cli assembly this test project builds), run as a child process.</summary>
    public Task<KitProcess.Result> ArcAsync(params string[] args) =>
        KitProcess.RunAsync("dotnet", [typeof(Arc.Cli.ArcApp).Assembly.Location, "--root", Root, .. args], Environment, TimeSpan.FromMinutes(10));

    public Task<KitProcess.Result> DockerAsync(params string[] args) =>
        KitProcess.RunAsync("docker", args, Environment, TimeSpan.FromMinutes(2));

    public async Task<KitProcess.Result> ComposeAsync(string file, IEnumerable<string> command)
    {
        var compose = await KitProcess.RunAsync("docker", ["compose", "version"], Environment, TimeSpan.FromSeconds(20));
        IEnumerable<string> prefix = compose.ExitCode == 0 ? ["compose"] : [];
        return await KitProcess.RunAsync(compose.ExitCode == 0 ? "docker" : "docker-compose",
            [.. prefix, "-p", "arc-platform", "-f", file, .. command], Environment, TimeSpan.FromMinutes(10));
    }

    private void Note(string line)
    {
        log.Add(line);
        Console.WriteLine($"docker tier: {line}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "services", "profiles.yaml")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "docker")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// Runs alone, after the parallel collections: it publishes the plan's fixed host ports (4222, 6379, ...)
/// on 127.0.0.1, which must not race other tiers' servers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerTierCollection : ICollectionFixture<DockerTierFixture>
{
    public const string Name = "docker tier";
}
