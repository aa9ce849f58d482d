using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform.Tests.Lifecycle;

/// <summary>
/// The lifecycle decides on what a driver declares (<see cref="DriverCapabilities"/>), never on its type or
/// name: any driver declaring the listener audit is audited, and one that declares none is not.
/// </summary>
[Trait("Tier", "unit")]
public sealed class DriverCapabilityTests
{
    private static readonly UpOptions Quick = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_driver_declaring_the_listener_audit_is_audited_after_the_start_and_an_off_loopback_listener_fails_the_row()
    {
        using var stack = FakeStack.Of("a", "b:a");
        stack.Driver.Capabilities = new DriverCapabilities { AuditsListeners = true };
        stack.Driver.ListensOffLoopback("a", "tcp 0.0.0.0:4222");

        var result = await stack.Lifecycle().UpAsync(stack.Select("b"), Quick, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(["a"], stack.Log.Of("audit"));
        var a = result.Services.Single(s => s.Codename == "a");
        Assert.Equal(ServiceStatus.Stopped, a.Status);
        Assert.Equal("stopped: it listened off loopback (tcp 0.0.0.0:4222)", a.Detail);
        Assert.Empty(stack.Log.Of("provision"));
        Assert.Equal(["a"], stack.Log.Of("start"));
    }

    [Fact]
    public async Task A_driver_declaring_no_listener_audit_is_never_asked_for_one()
    {
        using var stack = FakeStack.Of("a");
        stack.Driver.ListensOffLoopback("a", "tcp 0.0.0.0:4222");

        var result = await stack.Lifecycle().UpAsync(stack.Select("a"), Quick, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Empty(stack.Log.Of("audit"));
    }

    [Fact]
    public async Task Build_asks_for_the_driver_that_declares_images_and_one_without_them_is_refused_by_name()
    {
        using var stack = FakeStack.Of("a");
        var docker = Answering(new FakeDriver(stack.Log, "docker"));

        var error = await Assert.ThrowsAsync<DriverException>(() => stack.Lifecycle(docker).BuildAsync(stack.Select("a"), new BuildOptions(), CancellationToken.None));

        Assert.Equal("the docker driver builds no images", error.Message);
    }

    [Fact]
    public void Down_stops_from_the_records_only_of_drivers_that_declare_them_and_the_choice_allows()
    {
        using var stack = FakeStack.Of("a");
        var records = new NoRecords();
        var withRecords = new FakeDriver(stack.Log) { Capabilities = new DriverCapabilities { RecordStop = _ => records } };
        var selection = new DriverSelection([new DriverRegistration(withRecords), Answering(new FakeDriver(stack.Log, "docker"))]);

        Assert.Same(records, Assert.Single(selection.RecordStops(DriverChoice.Auto, stack.Registry.Root)));
        Assert.Same(records, Assert.Single(selection.RecordStops(DriverChoice.Native, stack.Registry.Root)));
        Assert.Empty(selection.RecordStops(DriverChoice.Docker, stack.Registry.Root));
        Assert.Empty(DriverSelection.Only(new FakeDriver(stack.Log)).RecordStops(DriverChoice.Auto, stack.Registry.Root));
    }

    [Fact]
    public void The_topology_state_asked_is_that_of_each_driver_the_choice_allows()
    {
        using var stack = FakeStack.Of("a");
        var native = new FakeDriver(stack.Log) { Capabilities = new DriverCapabilities { KeepsStateFor = c => c == "a-1" } };
        var docker = new FakeDriver(stack.Log, "docker") { Capabilities = new DriverCapabilities { KeepsStateFor = c => c == "a-2" } };
        var selection = new DriverSelection([new DriverRegistration(native), Answering(docker)]);

        Assert.Equal([true, true], selection.StateKeepers(DriverChoice.Auto).Select(k => k("a-1") || k("a-2")));
        Assert.True(Assert.Single(selection.StateKeepers(DriverChoice.Native))("a-1"));
        Assert.False(Assert.Single(selection.StateKeepers(DriverChoice.Native))("a-2"));
        Assert.True(Assert.Single(selection.StateKeepers(DriverChoice.Docker))("a-2"));
        Assert.Empty(DriverSelection.Only(new FakeDriver(stack.Log)).StateKeepers(DriverChoice.Auto));
    }

    [Fact]
    public async Task Up_ha_is_refused_by_a_driver_that_declares_no_topology_state()
    {
        using var stack = FakeStack.Of("a");

        var error = await Assert.ThrowsAsync<UsageException>(() => stack.Lifecycle().UpAsync(stack.Select("a"), new UpOptions { Ha = true }, CancellationToken.None));

        Assert.Equal("--ha: the native driver runs no highly available topology yet; use --driver native", error.Message);
        Assert.Empty(stack.Log.Of("start"));
    }

    private static DriverRegistration Answering(IServiceDriver driver) => new(driver) { Answers = _ => Task.FromResult(true) };

    private sealed class NoRecords : IRecordStop
    {
        public string DriverName => "docker";

        public IReadOnlyList<string> Codenames() => [];

        public Task<RecordedStop> StopAsync(string codename, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
