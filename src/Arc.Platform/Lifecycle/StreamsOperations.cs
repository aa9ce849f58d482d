using Arc.Platform.Drivers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;

namespace Arc.Platform.Lifecycle;

/// <summary>`arc streams list|apply`: streams.yaml against the running NATS service, on demand.</summary>
public static class StreamsOperations
{
    public static async Task<IReadOnlyList<StreamStatus>> ListAsync(ServiceRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            return await StreamProvisioner.ListAsync(Url(registry), Declarations(registry), cancellationToken);
        }
        catch (DriverException e)
        {
            // "JetStream is not available" is what clients see when the server switched it off for a full disk.
            var full = await FileStoreCheck.ExplainAsync(NatsTechnology.MonitorUrl(Nats(registry)), null, cancellationToken);
            if (full is null)
                throw;
            throw new DriverException($"{full}; {e.Message}");
        }
    }

    public static Task<IReadOnlyList<StreamOutcome>> ApplyAsync(ServiceRegistry registry, CancellationToken cancellationToken) =>
        StreamProvisioner.ApplyAsync(Url(registry), Declarations(registry), cancellationToken);

    private static string Url(ServiceRegistry registry) => NatsTechnology.ClientUrl(Nats(registry));

    private static ServiceDefinition Nats(ServiceRegistry registry) =>
        registry.Services.FirstOrDefault(s => s.Tech == "nats")
            ?? throw new UsageException("no service with tech: nats in services/*/service.yaml, so there are no JetStream streams to manage");

    private static IReadOnlyList<StreamDeclaration> Declarations(ServiceRegistry registry)
    {
        var path = StreamsFile.PathUnder(registry.Root);
        if (!File.Exists(path))
            throw new Yaml.ConfigException(StreamsFile.RelativePath, 1, 1, "file not found");
        return StreamsFile.Load(path);
    }
}
