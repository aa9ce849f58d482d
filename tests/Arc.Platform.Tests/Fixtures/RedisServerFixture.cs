using Xunit;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.Fixtures;

/// <summary>A real redis-server on a free port in a temp dir, launched through the derived native plan.</summary>
public sealed class RedisServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private NativeServerProcess? _server;

    public TempDirectory Directory { get; } = new();
    public RedisTechnology Technology { get; } = new();
    public ServiceDefinition Service { get; private set; } = null!;
    public NativeLaunchPlan Plan { get; private set; } = null!;
    public NativeServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public int Port => Service.Port("client").Host;

    public async Task InitializeAsync()
    {
        Service = SampleServices.Redis(FreePorts.Next(), Directory.Path);
        var compose = SampleServices.LoadCompose(SampleServices.RedisCompose, Directory);
        Plan = Technology.PlanNativeLaunch(Service, compose, new NativeLaunchContext(Directory.Sub("data"), Path.Combine(Directory.Path, "sonic.log")));
        _server = NativeServerProcess.Start(Plan);
        await _server.WaitHealthyAsync(ct => Technology.ProbeAsync(Service, ct));
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        Directory.Dispose();
    }
}
