using Arc.Platform.Compose;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Xunit;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A real server on free ports in a temp dir, launched through its technology's derived native
/// plan and probed healthy before any test runs; subclasses say which service and compose file.
/// </summary>
public abstract class NativeServerFixture<TTechnology> : IAsyncLifetime, IAsyncDisposable
    where TTechnology : ITechnology, new()
{
    private NativeServerProcess? _server;

    public TempDirectory Directory { get; } = new();
    public TTechnology Technology { get; } = new();
    public ServiceDefinition Service { get; private set; } = null!;
    public NativeLaunchPlan Plan { get; private set; } = null!;
    public NativeServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    protected abstract ServiceDefinition CreateService();

    protected abstract ComposeService LoadCompose();

    public async Task InitializeAsync()
    {
        Service = CreateService();
        var context = new NativeLaunchContext(Directory.Sub("data"), Path.Combine(Directory.Path, $"{Service.Codename}.log"));
        Plan = Arc.Platform.Drivers.Native.NativeLaunchPlanner.Plan(Technology, Service, LoadCompose(), context);
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
