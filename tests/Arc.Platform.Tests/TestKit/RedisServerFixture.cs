using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A real redis-server on a free port in a temp dir, launched through the derived native plan.</summary>
public sealed class RedisServerFixture : NativeServerFixture<RedisTechnology>
{
    public int Port => Service.Port("client").Host;

    protected override ServiceDefinition CreateService() => SampleServices.Redis(FreePorts.Next(), Directory.Path);

    protected override ComposeService LoadCompose() => SampleServices.LoadCompose(SampleServices.RedisCompose, Directory);
}
