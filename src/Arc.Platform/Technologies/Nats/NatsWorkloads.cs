using Arc.Platform.Bench;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

public sealed partial class NatsTechnology : IBenchmarkable
{
    public IReadOnlyList<string> BenchOperations { get; } = ["request-reply", "publish", "pubsub", "js-publish"];

    public string? PipelineMeaning => "JetStream: the ack window";

    public IBenchWorkload Benchmark(ServiceDefinition service, string operation) => operation switch
    {
        "request-reply" => new NatsRequestReplyWorkload(service),
        "publish" => new NatsPublishWorkload(service, subscribe: false),
        "pubsub" => new NatsPublishWorkload(service, subscribe: true),
        "js-publish" => new NatsJetStreamWorkload(service),
        _ => throw new ArgumentException($"unknown NATS benchmark operation '{operation}'", nameof(operation)),
    };

    public IBenchWorkload? RawAnchor(ServiceDefinition service, string operation) => operation switch
    {
        "publish" => new NatsRawWorkload(service, jetStream: false),
        "js-publish" => new NatsRawWorkload(service, jetStream: true),
        _ => null,
    };
}
