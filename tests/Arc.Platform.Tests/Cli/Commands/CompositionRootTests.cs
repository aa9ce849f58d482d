using System.Text.Json.Nodes;
using Arc.Cli;
using Arc.Platform.Bench;
using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.Cli.Commands;

/// <summary>
/// Every command takes what it works with from <see cref="ArcServices"/> — technologies, down's stop from
/// records, the console — so each runs over fakes: no server, no terminal, no run record.
/// </summary>
[Trait("Tier", "unit")]
public sealed class CompositionRootTests : IDisposable
{
    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();
    private readonly FakeStack _fakes = FakeStack.Of();

    public void Dispose()
    {
        _repo.Dispose();
        _fakes.Dispose();
    }

    [Theory]
    [InlineData("y", 0, "stopped; data deleted")]
    [InlineData("n", 1, "arc: nothing deleted")]
    [InlineData(null, 1, "arc: nothing deleted")]
    public async Task Clean_asks_on_the_injected_terminal_and_deletes_only_on_yes(string? answer, int exitCode, string said)
    {
        var console = new FakeConsole(inputIsTerminal: true, answer);

        var clean = await ArcRunner.RunAsync(_fakes.Cli() with { Console = console }, CancellationToken.None, "--root", _repo.Root, "clean", "sonic");

        Assert.Equal(exitCode, clean.ExitCode);
        Assert.Contains("Stop sonic and delete their data? [y/N] ", clean.Err);
        Assert.Contains(said, clean.Out + clean.Err);
        Assert.Equal(answer == "y" ? ["sonic"] : [], _fakes.Log.Of("clean"));
        Assert.Equal(1, console.Reads);
    }

    [Fact]
    public async Task Clean_without_yes_when_the_injected_stdin_is_no_terminal_is_refused_without_reading()
    {
        var console = new FakeConsole(inputIsTerminal: false, "y");

        var clean = await ArcRunner.RunAsync(_fakes.Cli() with { Console = console }, CancellationToken.None, "--root", _repo.Root, "clean", "sonic");

        Assert.Equal(2, clean.ExitCode);
        Assert.Contains("stdin is not a terminal, so pass --yes to confirm", clean.Err);
        Assert.Equal(0, console.Reads);
        Assert.Empty(_fakes.Log.Of("clean"));
    }

    [Fact]
    public async Task Down_with_a_broken_registry_stops_through_the_injected_record_stops()
    {
        _repo.Write("services/cache/service.yaml", "name: [broken\n");
        var asked = new List<string>();
        _fakes.Driver.KeepsRecords();
        var services = _fakes.Cli() with
        {
            RecordStops = (root, choice) =>
            {
                asked.Add($"{root} {choice}");
                return [new FakeRecords(_fakes.Driver)];
            },
        };
        _fakes.Driver.AlreadyRunning("sonic");

        var down = await ArcRunner.RunAsync(services, CancellationToken.None, "--root", _repo.Root, "down", "sonic");

        Assert.Equal([$"{_repo.Root} auto"], asked);
        Assert.Equal(2, down.ExitCode);
        Assert.Contains("down stops what this checkout's native run records prove", down.Err);
        Assert.Contains("stopped; data kept", down.Out);
        Assert.Equal(["sonic"], _fakes.Log.Of("stop-from-record"));
    }

    [Fact]
    public async Task Down_with_a_broken_registry_and_no_driver_keeping_records_is_the_configuration_error_alone()
    {
        _repo.Write("services/cache/service.yaml", "name: [broken\n");
        _fakes.Driver.AlreadyRunning("sonic");

        var down = await ArcRunner.RunAsync(_fakes.Cli(), CancellationToken.None, "--root", _repo.Root, "down", "--driver", "native");

        Assert.Equal(2, down.ExitCode);
        Assert.DoesNotContain("run records prove", down.Err);
        Assert.Empty(_fakes.Log.Of("stop-from-record"));
        Assert.NotNull(_fakes.Driver.Pid("sonic"));
    }

    [Fact]
    public async Task A_kind_of_declared_resources_a_technology_registers_becomes_a_command_listing_each_service()
    {
        var services = _fakes.Cli() with { CreateTechnologies = () => new TechnologyCatalog([new ScriptedTechnology()]) };
        _repo.Write("services/cache/things.yaml", "things: []\n");

        var text = await ArcRunner.RunAsync(services, CancellationToken.None, "--root", _repo.Root, "things", "list");
        var json = await ArcRunner.RunAsync(services, CancellationToken.None, "--root", _repo.Root, "--json", "things", "list");

        Assert.Equal(1, text.ExitCode);
        Assert.Equal(["THING  STATE", "sonic  missing"], text.Out.TrimEnd().Split(Environment.NewLine));
        Assert.Equal("{\"things\":[{\"name\":\"sonic\",\"exists\":false}]}", json.Out.Trim());
    }

    [Theory]
    [InlineData("limit", 2, "arc: --size 999 exceeds sonic's limit of 10 bytes")]
    [InlineData("wire", 1, "arc: sonic set failed: connection reset")]
    [InlineData("skip", 0, "sonic: skipped: nothing answers here")]
    public async Task Bench_outcomes_come_from_the_error_model_and_results_not_from_catching_in_the_command(string script, int exitCode, string said)
    {
        var services = _fakes.Cli() with { CreateTechnologies = () => new TechnologyCatalog([new ScriptedTechnology { Bench = script }]) };

        var bench = await ArcRunner.RunAsync(services, CancellationToken.None, "--root", _repo.Root, "bench", "sonic", "--requests", "1", "--size", "999");

        Assert.Equal(exitCode, bench.ExitCode);
        Assert.Contains(said + Environment.NewLine, bench.Out + bench.Err);
    }

    [Fact]
    public async Task Bench_help_lists_the_operations_each_registered_technology_offers()
    {
        var services = _fakes.Cli() with { CreateTechnologies = () => new TechnologyCatalog([new ScriptedTechnology()]) };

        var help = await ArcRunner.RunAsync(services, CancellationToken.None, "bench", "--help");

        Assert.Contains("redis set|get", help.Out);
    }

    private sealed class FakeConsole(bool inputIsTerminal, string? answer) : IConsoleIO
    {
        public int Reads { get; private set; }

        public bool IsTerminal(TextWriter error) => false;

        public bool InputIsTerminal => inputIsTerminal;

        public int Width => 40;

        public string? ReadLine()
        {
            Reads++;
            return answer;
        }
    }

    /// <summary>A technology named like Redis that declares "things" and benchmarks as scripted: no server.</summary>
    private sealed class ScriptedTechnology : ITechnology, IDeclaredResources, IBenchmarkable
    {
        public string Bench { get; init; } = "skip";

        public string Tech => "redis";

        public ClientConnection Connection { get; } = new("client", "redis", "REDIS_URL");

        public DeclaredKind Kind { get; } = new("things", "things.yaml", "things")
        {
            Description = "things",
            ListDescription = "list things",
            ApplyDescription = "apply things",
            JsonKey = "things",
            Headings = ["THING", "STATE"],
        };

        public IReadOnlyList<string> BenchOperations { get; } = ["set", "get"];

        public Task<IReadOnlyList<ListedResource>> ListAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ListedResource>>([new ListedResource([service.Codename, "missing"],
                new JsonObject { ["name"] = service.Codename, ["exists"] = false }, false)]);

        public Task<IReadOnlyList<AppliedResource>> ApplyAsync(ServiceDefinition service, DeclaredFile file, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AppliedResource>>([]);

        public IBenchWorkload Benchmark(ServiceDefinition service, string operation) => new Workload(service, operation, Bench);

        public Task<string?> UnmeasurableAsync(ServiceDefinition service, CancellationToken cancellationToken) =>
            Task.FromResult(Bench == "skip" ? "nothing answers here" : null);

        public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) => throw new NotSupportedException();

        private sealed class Workload(ServiceDefinition service, string operation, string script) : IBenchWorkload
        {
            public string Operation => operation;

            public Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken) => script switch
            {
                "limit" => throw new BenchLimitException(BenchSetting.Size, options.Size, $"exceeds {service.Codename}'s limit of 10 bytes"),
                "wire" => throw new IOException("connection reset"),
                _ => throw new InvalidDataException($"a skipped benchmark never runs ({script})"),
            };
        }
    }
}
