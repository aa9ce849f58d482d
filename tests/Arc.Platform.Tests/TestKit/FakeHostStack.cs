using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// The real native driver over a <see cref="FakeNativeHost"/>: a redis service (compose file and state tree in a
/// temporary directory, no exporter), with helpers that put a supervisor, its logger and its server in the fake process table
/// and write the run record that names them, as `up` would have. Nothing real is started or signalled.
/// </summary>
internal sealed class FakeHostStack : IAsyncDisposable
{
    public const int ClientPort = 16379;

    private readonly TempDirectory _directory;
    private readonly TechnologyCatalog _technologies;

    /// <summary>Skips the test where redis-server is not installed: the driver plans its real command line.</summary>
    public FakeHostStack(TimeSpan? grace = null)
    {
        Skip.If(ExecutableLocator.Find("redis-server") is null, "redis-server is not installed (`scripts/ensure-deps.sh test` installs it)");
        _directory = new TempDirectory();
        _technologies = TechnologyCatalog.CreateDefault();
        SampleServices.LoadCompose(SampleServices.RedisCompose, _directory);
        // Without the exporter: whether its binary is installed here would change what `up` launches.
        Service = SampleServices.Redis(ClientPort, _directory.Path) with { Metrics = null };
        Options = new NativeDriverOptions { Host = Host, StopGrace = grace ?? TimeSpan.FromSeconds(10) };
        Driver = new NativeDriver(_directory.Path, _technologies.For, Options);
        StateTree.EnsureDirectories(Driver.Paths);
        Program = LaunchChain.RealPath(Driver.Plan(Service).Executable);
    }

    public FakeNativeHost Host { get; } = new();
    public NativeDriverOptions Options { get; }
    public NativeDriver Driver { get; }
    public ServiceDefinition Service { get; }
    public string Codename => Service.Codename;
    public string Root => _directory.Path;

    /// <summary>The server executable the supervisor runs, as the record names it.</summary>
    public string Program { get; }

    public string Shell => LaunchChain.Tool("sh");
    public bool RecordExists => File.Exists(Driver.Paths.RecordFile(Codename));
    public string DataDirectory => Driver.Paths.DataDirectory(Codename);

    /// <summary>A supervisor leading its group, its logger and the server it forked; the record names the supervisor.</summary>
    public (FakeProcess Supervisor, FakeProcess Logger, FakeProcess Server) Running()
    {
        var supervisor = Host.Spawn(Shell, arguments: ["-c", "...", "arc-supervise"]);
        var logger = Host.Spawn(LaunchChain.Tool("split"), supervisor.Pid, supervisor.Pid, "-", SupervisorScript.LoggerPrefix);
        var server = Host.Spawn(Program, supervisor.Pid, supervisor.Pid);
        WriteRecord(supervisor);
        return (supervisor, logger, server);
    }

    /// <summary>A child of the supervisor, in its group (the back-off sleep, env before the server's exec).</summary>
    public FakeProcess ChildOf(FakeProcess supervisor, string tool) => Host.Spawn(LaunchChain.Tool(tool), supervisor.Pid, supervisor.Pid);

    public void WriteRecord(FakeProcess supervisor, params ProcessRecord[] sidecars) =>
        new RunRecordStore(Driver.Paths).Write(new NativeRunRecord(Codename, RecordOf(supervisor, Program),
            new Dictionary<string, int> { ["client"] = ClientPort }, sidecars));

    public ProcessRecord RecordOf(FakeProcess supervisor, string program) =>
        new(Codename, supervisor.Pid, supervisor.StartTicks, supervisor.Executable, [], "arc-test", Host.Start, program);

    public void WriteRestarts(string text) => File.WriteAllText(Driver.Paths.Supervised(Codename).RestartsFile, text);

    /// <summary>Down when the configuration cannot be read: from the run records alone.</summary>
    public RecordedServers RecordedServers() => new(Root, Options);

    public async ValueTask DisposeAsync()
    {
        await _technologies.DisposeAsync();
        _directory.Dispose();
    }
}
