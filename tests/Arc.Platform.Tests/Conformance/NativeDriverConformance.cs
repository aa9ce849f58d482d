using System.Diagnostics;

namespace Arc.Platform.Tests.Conformance;

/// <summary>The contract over the native driver: real redis-server under its supervisor, in a copy of the repository on free ports.</summary>
[Trait("Tier", "native")]
public sealed class NativeDriverConformance : DriverConformance
{
    private const string ServiceFile = "services/cache/service.yaml";
    private NativeStack? _stack;

    private NativeStack Stack => _stack ?? throw new InvalidOperationException("the native tier is not available here");

    protected override string? Root => Stack.Root;

    protected override int SubjectHostPort => Stack.Service(Subject).Port("client").Host;

    protected override (string Variable, string Scheme) SubjectConnection => ("REDIS_URL", "redis");

    public override Task InitializeAsync()
    {
        if (NativeTier.MissingPrerequisite is null)
            _stack = NativeStack.Create();
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        if (_stack is not null)
            await _stack.DisposeAsync();
    }

    protected override void RequireDriver() => Skip.If(NativeTier.MissingPrerequisite is not null, NativeTier.MissingPrerequisite);

    protected override async Task<Run> ArcAsync(params string[] args)
    {
        var result = await Stack.ArcAsync([.. args, "--driver", "native"]);
        return new Run(result.ExitCode, result.Out, result.Err);
    }

    protected override async Task WriteDataAsync(string value)
    {
        await using var redis = await ConnectToSubjectAsync();
        Assert.True(await redis.GetDatabase().StringSetAsync("conformance", value));
    }

    protected override async Task<string?> ReadDataAsync()
    {
        await using var redis = await ConnectToSubjectAsync();
        return await redis.GetDatabase().StringGetAsync("conformance");
    }

    protected override Task<string> IdentityAsync() => Task.FromResult($"pid {Stack.ServerPid(Subject)}");

    protected override Task KillServerAsync()
    {
        using var server = Process.GetProcessById(Stack.ServerPid(Subject));
        server.Kill(); // SIGKILL on Unix
        return Task.CompletedTask;
    }

    protected override Action BreakConfiguration()
    {
        var original = Stack.Repo.Read(ServiceFile);
        Stack.Repo.Write(ServiceFile, "name: [unclosed\n");
        return () => Stack.Repo.Write(ServiceFile, original);
    }
}
