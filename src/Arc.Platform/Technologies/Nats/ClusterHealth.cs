using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// What `arc health --deep` adds for a cluster member (DESIGN.md §8): the meta group counts every member and
/// each is current; every declared stream runs at one replica per member; and this member's own copy of each
/// stream holds what the stream's leader holds (a restarted node says <c>current</c> while its copy still lags, measured).
/// </summary>
internal static class ClusterHealth
{
    /// <summary>Every problem found; empty when the member and its cluster are whole.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(ServiceDefinition member, HaMember ha, IReadOnlyList<string> declaredStreams, CancellationToken cancellationToken)
    {
        var monitors = ClusterProvisioning.MonitorUrls(member);
        var views = await Task.WhenAll(monitors.Select(url => ClusterMonitor.ReadAsync(url, cancellationToken)));
        var own = views[ha.Index - 1];
        if (own is null)
            return [$"its monitor {NatsTechnology.MonitorUrl(member)} does not answer"];
        var problems = new List<string>();
        var missing = views.Select((v, i) => (v, i)).Where(x => x.v is null).Select(x => $"{member.Member!.Parent}-{x.i + 1}").ToList();
        if (missing.Count > 0)
            problems.Add($"cluster member{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} missing");
        if (views.FirstOrDefault(v => v is { IsMetaLeader: true }) is not { Meta: { } meta })
            problems.Add("no meta leader");
        else if (ClusterProvisioning.Behind(meta) is { Count: > 0 } behind)
            problems.Add($"meta group: {string.Join(", ", behind)} not current");
        foreach (var name in declaredStreams)
        {
            if (own.Streams.FirstOrDefault(s => s.Name == name) is not { } stream)
                continue;
            if (stream.Replicas < ha.Spec.Members)
                problems.Add($"stream {name} runs at {stream.Replicas} replica{(stream.Replicas == 1 ? "" : "s")}, declared {ha.Spec.Members} (`arc streams apply` restores it)");
            var leader = views.FirstOrDefault(v => v is not null && v.ServerName == stream.Cluster?.Leader)?.Streams.FirstOrDefault(s => s.Name == name);
            if (leader is not null && stream.Messages < leader.Messages)
                problems.Add($"its copy of {name} lags: {stream.Messages} of the leader's {leader.Messages} messages");
        }
        return problems;
    }

    public static async Task<MemberRole?> RoleAsync(ServiceDefinition member, CancellationToken cancellationToken) =>
        await ClusterMonitor.ReadAsync(NatsTechnology.MonitorUrl(member), cancellationToken) is { } view
            ? new MemberRole(view.IsMetaLeader ? "meta-leader" : view.Meta?.Leader is null ? "no-meta-leader" : "follower", view.Leads)
            : null;
}
