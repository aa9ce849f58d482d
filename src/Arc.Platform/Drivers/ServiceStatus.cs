namespace Arc.Platform.Drivers;

/// <summary>The status vocabulary of DESIGN.md §4; rendered lower-case in JSON.</summary>
public enum ServiceStatus
{
    Healthy,
    Unhealthy,
    Starting,
    Stopped,
    Skipped,
    /// <summary>Its process died and a restart is pending (the native supervisor's back-off).</summary>
    Restarting,
}

/// <summary>One row of `health`, `status` and `up` output (DESIGN.md §4 JSON shape).</summary>
public sealed record ServiceReport(
    string Codename,
    string Name,
    ServiceStatus Status,
    string Driver,
    string Endpoint,
    double? LatencyMs,
    string Detail)
{
    /// <summary>What `up` provisioned for a service it brought to healthy (empty when its technology provisions nothing); null in other rows.</summary>
    public IReadOnlyList<Technologies.ProvisionedItem>? Provisioned { get; init; }

    /// <summary>A member of a highly available topology (`status`): its role and the streams it leads; null otherwise.</summary>
    public Technologies.MemberRole? Role { get; init; }

    /// <summary>The service whose topology this row's process belongs to ("flash" for flash-2); null for a service's own row.</summary>
    public string? MemberOf { get; init; }

    /// <summary>What to do in arc's own terms, when there is such a step; the front end words it after <see cref="Detail"/>.</summary>
    public Remedy? Remedy { get; init; }
}
