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
/// The tier runs on a copy of the repository whose compose files and service.yaml files publish free
/// host ports (<see cref="FreePortMap"/>), never the plan's 4222, 6379, ...: a developer's stack running
/// on those (native or docker) is neither in the way nor touched, and neither is the checkout's .arc/.
/// </remarks>
public sealed class DockerTierFixture : IAsyncLifetime
{
    /// <summary>engine.sh's "cannot run here" code (the automake/ctest skip convention).</summary>
    private const int SkipExitCode = 77;

    public const string CollectorService = "arc-friday-collector";

    private readonly List<string> _log = [];
    private readonly TempRepo _repo;
    private string? _engineDirectory;

    /// <summary>The copy the tier runs on: free host ports, the Makefile and scripts/, and a bin/arc that runs this build.</summary>
    public string Root => _repo.Root;

    /// <summary>The fixed host ports of the repository and the free ones that stand for them in <see cref="Root"/>.</summary>
    public FreePortMap Ports { get; } = new();

    public string Kit { get; } = Path.Combine(FindRoot(), "tests", "docker");
    public string OverrideDirectory => Path.Combine(Kit, "compose-overrides");

    /// <summary>Set when the engine cannot run here: every <see cref="DockerFactAttribute"/> test is skipped with this line.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Set when the engine runs but the kit or the first `arc up` failed: every <see cref="DockerFactAttribute"/> test fails with it.</summary>
    public string? SetupFailure { get; private set; }

    public KitProcess.Result? FirstUp { get; private set; }
    public KitProcess.Result? CollectorUp { get; private set; }
    public IReadOnlyList<string> StandIns { get; private set; } = [];
    public IReadOnlyList<string> Log => _log;
    public Dictionary<string, string> Environment { get; } = [];
    public ServiceRegistry Registry { get; }

    public DockerTierFixture()
    {
        _repo = TempRepo.CopyOfRealRepo().Include("scripts");
        Ports.RewriteServiceFiles(Root, moveMetrics: false);
        Ports.RewriteComposeFiles(Root);
        FreeHaPorts.Rewrite(_repo);
        // `make` in the copy runs this build of arc: the Makefile's own rule would need src/ to build one.
        _repo.Write("bin/arc", $"#!/bin/sh\nexec dotnet '{typeof(Arc.Cli.ArcApp).Assembly.Location}' \"$@\"\n");
        // Off Linux engine.sh skips the whole tier, so the wrapper is made executable where it can run.
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(_repo.PathOf("bin/arc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Registry = ServiceRegistry.Load(Root);
    }

    /// <summary>The host port the copy publishes for <paramref name="codename"/>'s <paramref name="port"/> (a free one).</summary>
    public int HostPort(string codename, string port) => Registry.Service(codename).Port(port).Host;

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
        _engineDirectory = Environment["ARC_DOCKER_DIR"];
        Environment["DOCKER_CONFIG"] = Path.Combine(_engineDirectory, "cli");
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
        try
        {
            await StopEngineAsync();
        }
        finally
        {
            _repo.Dispose();
        }
    }

    private async Task StopEngineAsync()
    {
        if (_engineDirectory is null)
            return;
        await ComposeAsync(Path.Combine(Root, "services", "otel", "docker-compose.yml"), ["down", "-v"]);
        await ArcAsync("clean", "flash", "sonic", "--yes", "--driver", "docker");
        // Deleting the engine's vfs data root (~3 GB) took over 2 minutes on a loaded 2-core machine, and a
        // stop killed half way leaves /tmp/arc-docker.* behind: give it the time it needs.
        var stop = await KitProcess.RunAsync("bash", [Path.Combine(Kit, "engine.sh"), "stop", _engineDirectory], new Dictionary<string, string>(), TimeSpan.FromMinutes(10));
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
        _log.Add(line);
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
/// Runs alone, after the parallel collections: a private engine, image builds and containers are the
/// heaviest thing the suite does on two cores (its ports are free ones, so it races nothing for them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerTierCollection : ICollectionFixture<DockerTierFixture>
{
    public const string Name = "docker tier";
}
