using Arc.Platform.Drivers.Native;
using Arc.Platform.Technologies;
using Arc.Platform.Technologies.Nats;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Xunit;

namespace Arc.Platform.Tests.Technologies.Nats;

public class NatsDeepProbeTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    [NativeFact]
    public async Task Deep_probe_does_a_request_reply_and_an_acked_JetStream_publish()
    {
        var result = await nats.Technology.DeepProbeAsync(nats.Service, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal("request/reply and JetStream publish ok", result.Detail);
    }

    [NativeFact]
    public async Task Deep_probe_writes_only_to_its_own_expiring_file_backed_stream_replacing_an_old_memory_one()
    {
        await using var connection = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = nats.ClientUrl });
        var jetStream = new NatsJSContext(connection);
        try
        {
            await jetStream.DeleteStreamAsync(NatsDeepProbe.HealthStream);
        }
        catch (NatsJSApiException)
        {
            // Not there: this test may run first.
        }
        await jetStream.CreateStreamAsync(new StreamConfig(NatsDeepProbe.HealthStream, ["_arc.health.>"]) { Storage = StreamConfigStorage.Memory });

        var result = await nats.Technology.DeepProbeAsync(nats.Service, CancellationToken.None);

        Assert.True(result.Healthy, result.Detail);
        var stream = await jetStream.GetStreamAsync(NatsDeepProbe.HealthStream);
        Assert.Equal(StreamConfigStorage.File, stream.Info.Config.Storage);
        Assert.Equal(TimeSpan.FromMinutes(1), stream.Info.Config.MaxAge);
        Assert.Equal(["_arc.health.>"], stream.Info.Config.Subjects);
    }

    [NativeFact]
    public async Task Deep_probe_of_a_closed_port_is_unhealthy_without_throwing()
    {
        var result = await new NatsTechnology().DeepProbeAsync(SampleServices.Nats(FreePorts.Next(), FreePorts.Next()), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("cannot connect to NATS", result.Detail);
    }

    [NativeFact]
    public async Task Deep_probe_of_a_server_without_JetStream_says_so()
    {
        using var temp = new TempDirectory();
        var service = SampleServices.Nats(FreePorts.Next(), FreePorts.Next(), temp.Path);
        var compose = SampleServices.LoadCompose(SampleServices.NatsCompose.Replace("\"--jetstream\", ", ""), temp);
        var technology = new NatsTechnology();
        await using var server = NativeServerProcess.Start(Arc.Platform.Drivers.Native.NativeLaunchPlanner.Plan(technology, service, compose, new NativeLaunchContext(temp.Sub("data"), "/dev/null")));
        await server.WaitHealthyAsync(ct => technology.ProbeAsync(service, ct));

        var result = await technology.DeepProbeAsync(service, CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.Contains("JetStream", result.Detail);
    }
}
