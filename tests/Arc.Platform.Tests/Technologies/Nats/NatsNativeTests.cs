using Xunit;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Tests.Technologies.Nats;

public class NatsNativeTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [NativeFact]
    public void Server_from_the_derived_plan_listens_only_on_loopback_on_both_host_ports()
    {
        var sockets = ListeningSockets.Of(nats.Server.Pid);

        Assert.Equal(
            new[] { $"127.0.0.1:{nats.Service.Port("client").Host}", $"127.0.0.1:{nats.Service.Port("monitor").Host}" }.Order(),
            sockets.Order());
    }

    [NativeFact]
    public async Task Probe_of_a_running_server_is_healthy()
    {
        var result = await nats.Technology.ProbeAsync(nats.Service, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
    }

    [NativeFact]
    public async Task Probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var service = SampleServices.Nats(FreePorts.Next(), FreePorts.Next());

        var result = await new NatsTechnology().ProbeAsync(service, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("/healthz", result.Detail);
    }

    [NativeFact]
    public async Task JetStream_stores_under_the_planned_data_directory()
    {
        using var client = new HttpClient();
        var jsz = await client.GetStringAsync($"{nats.MonitorUrl}/jsz");

        Assert.Contains(Path.Combine(nats.Directory.Path, "data"), jsz.Replace("\\/", "/"));
    }
}
