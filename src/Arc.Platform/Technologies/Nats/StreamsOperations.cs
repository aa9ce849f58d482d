using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>`arc streams list|apply`: streams.yaml against the running NATS service, on demand.</summary>
internal static class StreamsOperations
{
    public static async Task<IReadOnlyList<StreamStatus>> ListAsync(ServiceDefinition nats, string root, CancellationToken cancellationToken)
    {
        try
        {
            return await StreamProvisioner.ListAsync(NatsTechnology.ClientUrl(nats), Declarations(root), cancellationToken);
        }
        catch (DriverException e)
        {
            // "JetStream is not available" is what clients see when the server switched it off for a full disk.
            var full = await FileStoreCheck.ExplainAsync(NatsTechnology.MonitorUrl(nats), null, cancellationToken);
            if (full is null)
                throw;
            throw new DriverException($"{full}; {e.Message}");
        }
    }

    public static Task<IReadOnlyList<StreamOutcome>> ApplyAsync(ServiceDefinition nats, string root, CancellationToken cancellationToken) =>
        StreamProvisioner.ApplyAsync(NatsTechnology.ClientUrl(nats), Declarations(root), cancellationToken);

    private static IReadOnlyList<StreamDeclaration> Declarations(string root)
    {
        var path = StreamsFile.PathUnder(root);
        if (!File.Exists(path))
            throw new ConfigException(StreamsFile.RelativePath, 1, 1, "file not found");
        return StreamsFile.Load(path);
    }
}
