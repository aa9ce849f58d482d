using System.Diagnostics;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.HighAvailability;

/// <summary>
/// How a killed Redis primary came back: <see cref="Back"/> after the kill its restarted server answered (the
/// supervisor's restart, the anchor), <see cref="Replica"/> after the kill ROLE named it a replica of the new primary
/// (Sentinel reconfigured it), and <see cref="Reached"/> after the kill its link was connected and its replication offset
/// had reached the offset the new primary had when it turned replica (<see cref="Bytes"/>).
/// </summary>
internal sealed record Rejoin(TimeSpan Back, TimeSpan Replica, TimeSpan Reached, long Bytes)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <param name="sentinelUser">AUTH arguments of a user that may run ROLE (an @admin command arc's clients may not).</param>
    /// <param name="restarted">True once the server running is another process than the one killed.</param>
    /// <param name="newPrimary">The primary Sentinel named, once it has named one.</param>
    public static async Task<Rejoin> WatchAsync(ServiceEndpoint old, Func<ServiceEndpoint?> newPrimary, string[] sentinelUser, string password,
        Stopwatch sinceKill, Func<bool> restarted)
    {
        TimeSpan? back = null;
        TimeSpan? replica = null;
        long target = 0;
        while (sinceKill.Elapsed < Limit)
        {
            if (restarted() && await RoleAsync(old, sentinelUser) is { } role)
            {
                back ??= sinceKill.Elapsed;
                // ROLE of a replica: slave, primary host, primary port, link state (connect, connecting, sync, connected), offset.
                if (replica is null && newPrimary() is { } primary && role is ["slave", _, var port, _, _] && port == primary.Port.ToString()
                    && await OffsetAsync(primary, password) is { } offset)
                {
                    replica = sinceKill.Elapsed;
                    target = offset;
                }
                if (replica is not null && role is ["slave", _, _, "connected", var reached] && long.Parse(reached) >= target)
                    return new Rejoin(back.Value, replica.Value, sinceKill.Elapsed, target);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException(back is null ? $"{old} never answered again within {Limit.TotalSeconds:0} s of the kill"
            : replica is null ? $"{old} never turned a replica of the new primary {newPrimary()} within {Limit.TotalSeconds:0} s of the kill"
            : $"{old} never connected and reached the new primary's offset {target} within {Limit.TotalSeconds:0} s of the kill");
    }

    private static async Task<IReadOnlyList<string>?> RoleAsync(ServiceEndpoint endpoint, string[] user)
    {
        try
        {
            return (await SentinelClient.AskAsync(endpoint, null, [user, ["ROLE"]], CancellationToken.None))[1];
        }
        catch (RedisReplyException)
        {
            return null;
        }
    }

    private static async Task<long?> OffsetAsync(ServiceEndpoint primary, string password)
    {
        try
        {
            var info = ReplicationInfo.Parse((await SentinelClient.AskAsync(primary, password, ["INFO", "replication"], CancellationToken.None))[0]);
            return info.IsPrimary ? info.Offset : null;
        }
        catch (RedisReplyException)
        {
            return null;
        }
    }
}
