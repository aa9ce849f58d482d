using Arc.Platform.Registry;

namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// A member of Flash's highly available topology: nats-server's own clustering flags, nothing of arc's.
/// Routes stay on loopback without credentials (only local processes reach 127.0.0.1:6222-6224;
/// clients still need the generated users on the client ports).
/// </summary>
internal static class ClusterLaunch
{
    /// <summary>The <c>ha.ports</c> name of a member's route listener.</summary>
    public const string RoutePort = "cluster";

    internal static readonly string[] ServerNameFlag = ["--name", "-n"];
    internal static readonly string[] ClusterNameFlag = ["--cluster_name"];
    internal static readonly string[] ClusterFlag = ["--cluster"];
    internal static readonly string[] RoutesFlag = ["--routes"];

    /// <summary>A data member's cluster flags; a service that is no member has none.</summary>
    public static IReadOnlyList<FlagFact> Flags(ServiceDefinition service)
    {
        if (service.Member is not { Kind: HaMemberKind.Data } member)
            return [];
        var spec = member.Spec;
        var peers = Enumerable.Range(1, spec.Members).Where(i => i != member.Index).Select(i => RouteUrl(spec, i));
        return
        [
            new FixedFlag(service.Codename, ServerNameFlag),
            new FixedFlag(ClusterName(service), ClusterNameFlag),
            new FixedFlag(RouteUrl(spec, member.Index), ClusterFlag),
            new FixedFlag(string.Join(",", peers), RoutesFlag),
        ];
    }

    /// <summary>The cluster's name: the service's (arc-messaging), so a foreign cluster on the route ports is refused by name.</summary>
    public static string ClusterName(ServiceDefinition service) => service.Name;

    private static string RouteUrl(HaSpec spec, int index) => ServiceEndpoint.Loopback(spec.PortOf(RoutePort, index)).Url("nats");
}
