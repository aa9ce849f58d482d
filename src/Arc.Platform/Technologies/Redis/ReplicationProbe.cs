using System.Diagnostics;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

/// <summary>A data member's replication as <c>INFO replication</c> tells it.</summary>
internal sealed record ReplicationInfo(string Role, int ConnectedReplicas, long Offset, string? LinkStatus, bool Syncing, ServiceEndpoint? Primary)
{
    public bool IsPrimary => Role == "master";

    public static ReplicationInfo Parse(string info)
    {
        var fields = info.Split('\n').Select(l => l.Trim().Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        string? Field(string key) => fields.TryGetValue(key, out var value) ? value : null;
        var offset = Field("master_repl_offset") ?? Field("slave_repl_offset");
        var primary = Field("master_host") is { } host && int.TryParse(Field("master_port"), out var port) ? new ServiceEndpoint(host, port) : null;
        return new ReplicationInfo(Field("role") ?? "unknown", int.TryParse(Field("connected_slaves"), out var n) ? n : 0,
            long.TryParse(offset, out var o) ? o : 0, Field("master_link_status"), Field("master_sync_in_progress") == "1", primary);
    }
}

/// <summary>
/// The deep probe of a data member: the primary must do a write/read round trip and count every replica; a
/// replica must have its link to the primary up, not be syncing, and not lag it by more than <see cref="MaxLagBytes"/>.
/// </summary>
internal static class ReplicationProbe
{
    /// <summary>How far (replication offset, bytes) a replica may trail its primary and still count as caught up.</summary>
    public const long MaxLagBytes = 1 << 20;

    public static async Task<ReplicationInfo?> ReadAsync(ServiceEndpoint endpoint, Secrets.Credential? credential, CancellationToken cancellationToken)
    {
        try
        {
            // A Redis error reply (NOAUTH, LOADING) and a refused connection are both "no answer".
            var reply = await SentinelClient.AskAsync(endpoint, credential?.Password, ["INFO", "replication"], cancellationToken);
            return ReplicationInfo.Parse(reply.FirstOrDefault() ?? "");
        }
        catch (RedisReplyException)
        {
            return null;
        }
    }

    /// <summary>Readiness of a data member: a primary answers; a replica answers with its link to the primary up (synced).</summary>
    public static async Task<ProbeResult> ReadyAsync(ServiceEndpoint endpoint, Secrets.Credential? credential, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return await ReadAsync(endpoint, credential, cancellationToken) switch
        {
            null => ProbeResult.Fail(clock.Elapsed, $"INFO replication on {endpoint}: no answer"),
            { IsPrimary: true } => ProbeResult.Ok(clock.Elapsed, "primary"),
            { LinkStatus: "up", Syncing: false } info => ProbeResult.Ok(clock.Elapsed, $"replica of {info.Primary}"),
            var info => ProbeResult.Fail(clock.Elapsed, $"replica of {info.Primary}: link {info.LinkStatus ?? "unknown"}{(info.Syncing ? ", syncing" : "")}"),
        };
    }

    public static async Task<ProbeResult> DeepAsync(RedisConnections connections, ServiceDefinition service, HaMember member,
        Secrets.Credential? credential, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (await ReadAsync(service.HealthEndpoint, credential, cancellationToken) is not { } info)
            return ProbeResult.Fail(clock.Elapsed, $"INFO replication on {service.HealthEndpoint}: no answer");
        if (info.IsPrimary)
        {
            var wanted = member.Spec.Members - 1;
            if (info.ConnectedReplicas < wanted)
                return ProbeResult.Fail(clock.Elapsed, $"primary with {info.ConnectedReplicas} of {wanted} replicas connected");
            var roundTrip = await RedisDeepProbe.RunAsync(connections, service.HealthEndpoint, credential, cancellationToken);
            return roundTrip with { Detail = $"primary, {info.ConnectedReplicas} replicas; {roundTrip.Detail}" };
        }
        if (info.LinkStatus != "up" || info.Syncing)
            return ProbeResult.Fail(clock.Elapsed, $"replica of {info.Primary}: link {info.LinkStatus ?? "unknown"}{(info.Syncing ? ", syncing" : "")}");
        var primary = info.Primary is { } at ? await ReadAsync(at, credential, cancellationToken) : null;
        var lag = primary is null ? 0 : primary.Offset - info.Offset;
        return lag > MaxLagBytes
            ? ProbeResult.Fail(clock.Elapsed, $"replica of {info.Primary} lagging {lag} bytes behind it")
            : ProbeResult.Ok(clock.Elapsed, $"replica of {info.Primary}, link up, {Math.Max(lag, 0)} bytes behind");
    }
}
