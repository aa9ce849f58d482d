namespace Arc.Platform.Technologies.Pulsar;

/// <summary>topics.yaml against a running Pulsar: after start (`arc up`) and on demand (`arc topics list|apply`).</summary>
internal static class TopicsOperations
{
    public static Task<IReadOnlyList<PulsarResourceStatus>> ListAsync(string adminUrl, string root, CancellationToken cancellationToken) =>
        Provisioner(adminUrl).ListAsync(Declared(root), cancellationToken);

    public static Task<IReadOnlyList<PulsarOutcome>> ApplyAsync(string adminUrl, string root, CancellationToken cancellationToken) =>
        Provisioner(adminUrl).ApplyAsync(Declared(root), cancellationToken);

    /// <summary>Applies the topics file under <paramref name="root"/>; nothing to do when the file does not exist.</summary>
    internal static async Task<ProvisionReport> ApplyFileAsync(string adminUrl, string root, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (!File.Exists(TopicsFile.PathUnder(root)))
            return ProvisionReport.None;
        var outcomes = await Provisioner(adminUrl, timeout).ApplyAsync(Declared(root), cancellationToken);
        return new ProvisionReport([.. outcomes.Select(o => new ProvisionedItem(
            o.Kind.Label().Replace(' ', '_'),
            o.Name,
            o.Action switch { PulsarAction.Created => ProvisionAction.Created, PulsarAction.Unchanged => ProvisionAction.Unchanged, _ => ProvisionAction.Drift },
            o.Drift.Count == 0 ? null : string.Join("; ", o.Drift)))]);
    }

    private static PulsarProvisioner Provisioner(string adminUrl, TimeSpan? timeout = null) =>
        new(new PulsarAdminClient(adminUrl, timeout ?? PulsarAdminClient.DefaultTimeout));

    private static PulsarResources Declared(string root)
    {
        var path = TopicsFile.PathUnder(root);
        if (!File.Exists(path))
            throw new ConfigException(TopicsFile.RelativePath, 1, 1, "file not found");
        return TopicsFile.Load(path);
    }
}
