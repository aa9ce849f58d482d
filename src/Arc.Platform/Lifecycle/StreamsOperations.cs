using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc streams list|apply`: streams.yaml against the running NATS service, on demand.</summary>
public static class StreamsOperations
{
    public static Task<IReadOnlyList<StreamStatus>> ListAsync(ServiceRegistry registry, CancellationToken cancellationToken) =>
        StreamProvisioner.ListAsync(Url(registry), Declarations(registry), cancellationToken);

    public static Task<IReadOnlyList<StreamOutcome>> ApplyAsync(ServiceRegistry registry, CancellationToken cancellationToken) =>
        StreamProvisioner.ApplyAsync(Url(registry), Declarations(registry), cancellationToken);

    private static string Url(ServiceRegistry registry) =>
        NatsTechnology.ClientUrl(registry.Services.FirstOrDefault(s => s.Tech == "nats")
            ?? throw new UsageException("no service with tech: nats in services/*/service.yaml, so there are no JetStream streams to manage"));

    private static IReadOnlyList<StreamDeclaration> Declarations(ServiceRegistry registry)
    {
        var path = StreamsFile.PathUnder(registry.Root);
        if (!File.Exists(path))
            throw new ConfigException(StreamsFile.RelativePath, 1, 1, "file not found");
        return StreamsFile.Load(path);
    }
}
