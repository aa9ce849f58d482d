using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// `arc up --ha`: the first member provisions for the whole cluster, once the meta group has elected a
/// leader, counts every member and each is current (a stream at 3 replicas cannot be placed before); the others
/// provision nothing. It returns once every member is current again after the streams were placed, as
/// `health --deep` checks it (measured: without that wait, `health --deep` right after `up --ha` found a follower
/// "not current" in a loaded run).
/// </summary>
internal static class ClusterProvisioning
{
    /// <summary>How long the members may take to find each other after the first turned healthy.</summary>
    internal static TimeSpan FormingLimit { get; set; } = TimeSpan.FromSeconds(60);

    public static async Task<ProvisionReport> ProvisionAsync(ServiceDefinition member, HaMember ha, string url, CancellationToken cancellationToken)
    {
        if (ha.Kind != HaMemberKind.Data || ha.Index != 1)
            return ProvisionReport.None;
        await WaitForClusterAsync(member, ha.Spec.Members, cancellationToken);
        var report = await StreamsOperations.ProvisionAsync(member, DeclaredFile.Of(member, StreamsOperations.FileName), cancellationToken, url);
        await WaitForClusterAsync(member, ha.Spec.Members, cancellationToken);
        return report;
    }

    /// <summary>Every data member's monitor URL, from the topology.</summary>
    public static IReadOnlyList<string> MonitorUrls(ServiceDefinition service) =>
        service.Ha is { } spec ? [.. Enumerable.Range(1, spec.Members).Select(i => ServiceEndpoint.Loopback(spec.PortOf(service.Health.Port, i)).Url("http"))] : [];

    private static async Task WaitForClusterAsync(ServiceDefinition member, int members, CancellationToken cancellationToken)
    {
        var monitors = MonitorUrls(member);
        var deadline = DateTime.UtcNow + FormingLimit;
        var last = "its monitor did not answer";
        while (DateTime.UtcNow < deadline)
        {
            var view = await ClusterMonitor.LeaderViewAsync(monitors, cancellationToken);
            if (view?.Meta is { } meta && meta.Size >= members && Behind(meta).Count == 0)
                return;
            last = view?.Meta switch
            {
                null => "no member is meta leader yet",
                { } seen when seen.Size < members => $"the meta leader {seen.Leader} counts {seen.Size} of {members} members",
                { } seen => $"meta group: {string.Join(", ", Behind(seen))} not current",
            };
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        throw new DriverException($"the cluster did not form within {FormingLimit.TotalSeconds:0} s: {last}");
    }

    /// <summary>The meta group's members that are offline or not caught up, as `health --deep` names them.</summary>
    internal static IReadOnlyList<string> Behind(RaftGroup meta) => [.. meta.Replicas.Where(r => r.Offline || !r.Current).Select(r => r.Name)];
}
