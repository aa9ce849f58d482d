namespace Arc.Platform.Technologies.Nats;

internal static class StreamProvisioner
{
    public static Task<ProvisionReport> ApplyAsync(string url, string streamsFile, CancellationToken cancellationToken) =>
        Task.FromResult(ProvisionReport.None);
}
