using System.Text.Json;

namespace Arc.Platform.Technologies.Nats;

/// <summary>One peer of a JetStream Raft group as the monitor reports it (<c>current</c>: caught up with its leader).</summary>
public sealed record RaftPeer(string Name, bool Current, bool Offline, long Lag);

/// <summary>
/// A Raft group (the meta group, or one stream's) seen from one member (<paramref name="Self"/>): its leader and
/// the other peers (the monitor lists every peer but the member asked, the leader included when that is another).
/// </summary>
public sealed record RaftGroup(string Self, string? Leader, IReadOnlyList<RaftPeer> Replicas)
{
    /// <summary>
    /// How many members the group counts in this view: the member asked, its leader and every peer it lists. Only
    /// the meta leader's view lists the meta group's peers (a follower's <c>cluster_size</c> undercounts, measured).
    /// </summary>
    public int Size => Replicas.Select(r => r.Name).Append(Self).Concat(Leader is null ? [] : [Leader]).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>One stream in the member's own view: its declared replica count, message count and its Raft group.</summary>
public sealed record StreamView(string Name, int Replicas, long Messages, RaftGroup? Cluster);

/// <summary>What one cluster member's monitor says: its own name, the meta group, and the streams it holds a copy of.</summary>
public sealed record ClusterView(string ServerName, RaftGroup? Meta, IReadOnlyList<StreamView> Streams)
{
    public bool IsMetaLeader => Meta?.Leader == ServerName;

    /// <summary>The streams whose Raft leader this member is.</summary>
    public IReadOnlyList<string> Leads => [.. Streams.Where(s => s.Cluster?.Leader == ServerName).Select(s => s.Name)];
}

/// <summary>
/// Reads <c>/jsz?streams=true&amp;config=true</c> and <c>/varz</c> on a member's monitor port (measured on
/// nats-server 2.9.10: <c>meta_cluster.leader</c> names the meta leader, each stream's <c>cluster.leader</c>
/// its leader, <c>replicas[].current</c> whether a follower caught up).
/// </summary>
public static class ClusterMonitor
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The meta leader's view among the members' monitors (the only view that lists the meta group), or null.</summary>
    public static async Task<ClusterView?> LeaderViewAsync(IEnumerable<string> monitorUrls, CancellationToken cancellationToken)
    {
        var views = await Task.WhenAll(monitorUrls.Select(url => ReadAsync(url, cancellationToken)));
        return views.FirstOrDefault(v => v is { IsMetaLeader: true });
    }

    /// <summary>The member's view, or null when its monitor does not answer (or answers no JSON).</summary>
    public static async Task<ClusterView?> ReadAsync(string monitorUrl, CancellationToken cancellationToken)
    {
        try
        {
            var varz = await Client.GetStringAsync($"{monitorUrl}/varz", cancellationToken);
            var jsz = await Client.GetStringAsync($"{monitorUrl}/jsz?streams=true&config=true", cancellationToken);
            return Parse(varz, jsz);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    internal static ClusterView? Parse(string varz, string jsz)
    {
        try
        {
            using var server = JsonDocument.Parse(varz);
            using var js = JsonDocument.Parse(jsz);
            var name = server.RootElement.TryGetProperty("server_name", out var n) ? n.GetString() ?? "" : "";
            var meta = js.RootElement.TryGetProperty("meta_cluster", out var m) ? Group(m, name) : null;
            return new ClusterView(name, meta, [.. Streams(js.RootElement, name)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static IEnumerable<StreamView> Streams(JsonElement jsz, string self)
    {
        if (!jsz.TryGetProperty("account_details", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
            yield break;
        foreach (var account in accounts.EnumerateArray())
        {
            if (!account.TryGetProperty("stream_detail", out var streams) || streams.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var stream in streams.EnumerateArray())
            {
                var name = stream.GetProperty("name").GetString() ?? "";
                var replicas = stream.TryGetProperty("config", out var config) && config.TryGetProperty("num_replicas", out var r) ? r.GetInt32() : 1;
                var messages = stream.TryGetProperty("state", out var state) && state.TryGetProperty("messages", out var count) ? count.GetInt64() : 0;
                var cluster = stream.TryGetProperty("cluster", out var c) ? Group(c, self) : null;
                yield return new StreamView(name, replicas, messages, cluster);
            }
        }
    }

    private static RaftGroup Group(JsonElement cluster, string self)
    {
        var leader = cluster.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.String && l.GetString() is { Length: > 0 } named ? named : null;
        var peers = new List<RaftPeer>();
        if (cluster.TryGetProperty("replicas", out var replicas) && replicas.ValueKind == JsonValueKind.Array)
            foreach (var peer in replicas.EnumerateArray())
                peers.Add(new RaftPeer(
                    peer.GetProperty("name").GetString() ?? "",
                    peer.TryGetProperty("current", out var current) && current.GetBoolean(),
                    peer.TryGetProperty("offline", out var offline) && offline.GetBoolean(),
                    peer.TryGetProperty("lag", out var lag) && lag.TryGetInt64(out var behind) ? behind : 0));
        return new RaftGroup(self, leader, peers);
    }
}
