using Xunit;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Tests.Fixtures;

/// <summary>A real nats-server with JetStream on free ports in a temp dir, launched through the derived native plan.</summary>
public sealed class NatsServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private NativeServerProcess? _server;

    public TempDirectory Directory { get; } = new();
    public NatsTechnology Technology { get; } = new();
    public ServiceDefinition Service { get; private set; } = null!;
    public NativeLaunchPlan Plan { get; private set; } = null!;
    public NativeServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public string ClientUrl => NatsTechnology.ClientUrl(Service);
    public string MonitorUrl => $"http://127.0.0.1:{Service.Port("monitor").Host}";

    public async Task InitializeAsync()
    {
        Service = SampleServices.Nats(FreePorts.Next(), FreePorts.Next(), Directory.Path);
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose, Directory);
        Plan = Technology.PlanNativeLaunch(Service, compose, new NativeLaunchContext(Directory.Sub("data"), Path.Combine(Directory.Path, "flash.log")));
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
