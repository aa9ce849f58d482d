using Arc.Cli;

namespace Arc.Platform.Tests.Conformance;

/// <summary>The contract over <see cref="FakeDriver"/>: the real repository's registry (a copy), the fake driver and technology behind `arc`.</summary>
[Trait("Tier", "unit")]
public sealed class FakeDriverConformance : DriverConformance, IDisposable
{
    private readonly TempRepo _repo = TempRepo.CopyOfRealRepo();
    private readonly FakeStack _fakes = FakeStack.Of("unused");
    private readonly ArcServices _cli;

    public FakeDriverConformance()
    {
        // The native driver keeps run records and stops from them alone; the fake is held to that.
        _fakes.Driver.KeepsRecords();
        _cli = _fakes.Cli();
    }

    protected override int SubjectHostPort => ServiceRegistryOf().Service(Subject).Port("client").Host;

    protected override (string Variable, string Scheme) SubjectConnection => (_fakes.Technology.Connection.GenericUrl, _fakes.Technology.Connection.Scheme);

    protected override async Task<Run> ArcAsync(params string[] args)
    {
        var result = await ArcRunner.RunAsync(_cli, CancellationToken.None, ["--root", _repo.Root, .. args, "--driver", "native"]);
        return new Run(result.ExitCode, result.Out, result.Err);
    }

    protected override Task WriteDataAsync(string value)
    {
        Assert.NotNull(_fakes.Driver.Pid(Subject));
        _fakes.Driver.Data[Subject] = value;
        return Task.CompletedTask;
    }

    protected override Task<string?> ReadDataAsync()
    {
        Assert.NotNull(_fakes.Driver.Pid(Subject));
        return Task.FromResult(_fakes.Driver.Data.TryGetValue(Subject, out var value) ? value : null);
    }

    protected override Task<string> IdentityAsync() => Task.FromResult($"pid {_fakes.Driver.Pid(Subject)}");

    protected override Task KillServerAsync()
    {
        _fakes.Driver.Kill(Subject);
        return Task.CompletedTask;
    }

    protected override Action BreakConfiguration()
    {
        const string file = "services/cache/service.yaml";
        var original = _repo.Read(file);
        _repo.Write(file, "name: [broken\n");
        return () => _repo.Write(file, original);
    }

    public void Dispose()
    {
        _fakes.Dispose();
        _repo.Dispose();
    }

    private Arc.Platform.Registry.ServiceRegistry ServiceRegistryOf() => Arc.Platform.Registry.ServiceRegistry.Load(_repo.Root);
}
