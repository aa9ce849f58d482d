using System.Diagnostics;
using Arc.Platform.Health;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Redis;

/// <summary>
/// Probes of a Sentinel: readiness is PING → PONG; the deep probe asks <c>SENTINEL CKQUORUM</c>, which
/// answers OK only when enough Sentinels see the primary down-able and can authorise a failover (a lost
/// quorum is unhealthy, with Sentinel's own reason).
/// </summary>
internal static class SentinelProbe
{
    public static Task<ProbeResult> PingAsync(ServiceEndpoint endpoint, string? password, CancellationToken cancellationToken) =>
        RunAsync(endpoint, password, ["PING"], reply => reply.FirstOrDefault() == "PONG" ? null : $"PING answered '{string.Join(" ", reply)}'", cancellationToken);

    public static Task<ProbeResult> QuorumAsync(ServiceEndpoint endpoint, string? password, SentinelSpec sentinel, CancellationToken cancellationToken) =>
        RunAsync(endpoint, password, ["SENTINEL", "CKQUORUM", sentinel.MasterName],
            reply => reply.FirstOrDefault() is { } ok && ok.StartsWith("OK", StringComparison.Ordinal) ? null : string.Join(" ", reply),
            cancellationToken, ok => $"quorum: {ok}");

    /// <summary>The primary's address the Sentinel names for <paramref name="masterName"/>, or null when it names none (or does not answer).</summary>
    public static async Task<ServiceEndpoint?> PrimaryAsync(ServiceEndpoint endpoint, string? password, string masterName, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await SentinelClient.AskAsync(endpoint, password, ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName], cancellationToken);
            return reply.Count == 2 && int.TryParse(reply[1], out var port) ? new ServiceEndpoint(reply[0], port) : null;
        }
        catch (RedisReplyException)
        {
            return null;
        }
    }

    /// <param name="failure">Given the reply, why it is wrong, or null when it is right.</param>
    private static async Task<ProbeResult> RunAsync(ServiceEndpoint endpoint, string? password, string[] command,
        Func<IReadOnlyList<string>, string?> failure, CancellationToken cancellationToken, Func<string, string>? okDetail = null)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var reply = await SentinelClient.AskAsync(endpoint, password, command, cancellationToken);
            return failure(reply) is { } wrong
                ? ProbeResult.Fail(clock.Elapsed, $"{command[0]} on {endpoint}: {wrong}")
                : ProbeResult.Ok(clock.Elapsed, okDetail?.Invoke(string.Join(" ", reply)) ?? "ok");
        }
        catch (RedisReplyException e)
        {
            return ProbeResult.Fail(clock.Elapsed, $"{string.Join(" ", command.Take(2))} on {endpoint}: {e.Message}");
        }
    }
}
