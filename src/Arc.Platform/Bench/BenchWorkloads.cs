using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Bench;

/// <summary>Which workload benchmarks a service, by its technology.</summary>
public static class BenchWorkloads
{
    public static IBenchWorkload For(ServiceDefinition service) => service.Tech switch
    {
        "nats" => new NatsRequestReplyWorkload(service),
        "redis" => new RedisSetWorkload(service),
        _ => throw new UsageException($"no benchmark for {service.Codename} ({service.Tech}) yet; benchmarks exist for nats and redis services"),
    };
}
