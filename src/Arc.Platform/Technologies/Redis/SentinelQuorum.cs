using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// `arc up --ha`: a Sentinel answers PING at once but counts the others only once their hello messages reached it
/// (every 2 s, through the primary); until then SENTINEL CKQUORUM says NOQUORUM and no failover could be authorised.
/// Up therefore returns a Sentinel only when it sees its quorum, as `health --deep` checks it (measured: without
/// this wait, `health --deep` right after `up --ha` found every Sentinel at "1 usable Sentinels").
/// </summary>
internal static class SentinelQuorum
{
    /// <summary>How long the Sentinels may take to find each other after this one answered.</summary>
    public static readonly TimeSpan FindingLimit = TimeSpan.FromSeconds(30);

    public static async Task<ProvisionReport> WaitAsync(ServiceDefinition sentinel, SentinelSpec spec, string? password, TimeSpan limit,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var quorum = await SentinelProbe.QuorumAsync(sentinel.HealthEndpoint, password, spec, cancellationToken);
            if (quorum.Healthy)
                return ProvisionReport.None;
            if (DateTime.UtcNow > deadline)
                throw new DriverException($"the Sentinels did not reach their quorum within {limit.TotalSeconds:0} s: {quorum.Detail}");
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
