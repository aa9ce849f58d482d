using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A real nats-server with JetStream on free ports in a temp dir, launched through the derived native plan.</summary>
public sealed class NatsServerFixture : NativeServerFixture<NatsTechnology>
{
    public string ClientUrl => NatsTechnology.ClientUrl(Service);
    public string MonitorUrl => $"http://127.0.0.1:{Service.Port("monitor").Host}";

    protected override ServiceDefinition CreateService() => SampleServices.Nats(FreePorts.Next(), FreePorts.Next(), Directory.Path);

    protected override ComposeService LoadCompose() => SampleServices.LoadCompose(SampleServices.NatsCompose, Directory);
}
