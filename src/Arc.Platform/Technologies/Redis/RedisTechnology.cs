using Arc.Platform.Compose;
using Arc.Platform.Health;
using Arc.Platform.Registry;
using StackExchange.Redis;

namespace Arc.Platform.Technologies.Redis;

/// <summary>Redis (Sonic). Owns the connections its probes keep open; disposing it closes them.</summary>
public sealed partial class RedisTechnology : ITechnology, INativeLaunchFacts, IAsyncDisposable, IClusterRoles, IWatchedTopology
{
    private readonly RedisConnections _connections = new();

    public string Tech => "redis";

    // StackExchange.Redis takes host:port, not a URL.
    public ClientConnection Connection => Facts;

    // The platform's clients are Redis's default user, with a password (see RedisAuthorization.AclFile).
    private static readonly ClientConnection Facts = new(ClientPortName, "redis", "REDIS_URL")
    {
        DotnetTakesUrl = false,
        TakesPassword = true,
        Users = ["default", "exporter"],
    };

    /// <summary>What arc's own clients authenticate with: the platform client's credential, when the service has one.</summary>
    internal static Secrets.Credential? ClientCredential(ServiceDefinition service) => Secrets.ServiceCredentials.Of(service, Facts)?.Client;

    /// <summary>PING through StackExchange.Redis; healthy on PONG.</summary>
    public Task<ProbeResult> ProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => service.Member switch
    {
        { Kind: HaMemberKind.Watcher } => SentinelProbe.PingAsync(service.HealthEndpoint, ClientCredential(service)?.Password, cancellationToken),
        { Kind: HaMemberKind.Data } => ReplicationProbe.ReadyAsync(service.HealthEndpoint, ClientCredential(service), cancellationToken),
        _ => _connections.ProbeAsync(service.HealthEndpoint, ClientCredential(service), "PING", async database =>
        {
            var text = (await database.ExecuteAsync("PING").WaitAsync(cancellationToken)).ToString();
            return text == "PONG" ? (true, "ok") : (false, $"PING on {service.HealthEndpoint} answered '{text}'");
        }, cancellationToken),
    };

    public Task<ProbeResult> DeepProbeAsync(ServiceDefinition service, CancellationToken cancellationToken) => service.Member switch
    {
        { Kind: HaMemberKind.Watcher, Spec.Watchers.Settings: SentinelSpec sentinel } =>
            SentinelProbe.QuorumAsync(service.HealthEndpoint, ClientCredential(service)?.Password, sentinel, cancellationToken),
        { Kind: HaMemberKind.Data } member => ReplicationProbe.DeepAsync(_connections, service, member, ClientCredential(service), cancellationToken),
        _ => RedisDeepProbe.RunAsync(_connections, service.HealthEndpoint, ClientCredential(service), cancellationToken),
    };

    /// <summary>A Sentinel of the ha topology, a data member (the single server's line plus its writable config), or the single server.</summary>
    public LaunchFacts LaunchFactsOf(ServiceDefinition service, ComposeService compose) => service.Member switch
    {
        { Kind: HaMemberKind.Watcher, Spec.Watchers.Settings: SentinelSpec sentinel } member => SentinelLaunch.Facts(service, member, sentinel),
        { Kind: HaMemberKind.Data } member => ReplicaLaunch.Facts(service, member),
        _ => RedisLaunch.Facts(service),
    };

    /// <summary>The service.yaml port name clients connect to.</summary>
    public const string ClientPortName = "client";

    /// <summary>Nothing to provision; a Sentinel of the ha topology is returned only once it sees its quorum (<see cref="SentinelQuorum"/>).</summary>
    public Task<ProvisionReport> ProvisionAsync(ServiceDefinition service, string root, CancellationToken cancellationToken) => service.Member switch
    {
        { Kind: HaMemberKind.Watcher, Spec.Watchers.Settings: SentinelSpec sentinel } =>
            SentinelQuorum.WaitAsync(service, sentinel, ClientCredential(service)?.Password, SentinelQuorum.FindingLimit, cancellationToken),
        _ => Task.FromResult(ProvisionReport.None),
    };

    /// <summary>A data member's INFO replication role; a Sentinel names the primary it knows.</summary>
    public async Task<MemberRole?> RoleAsync(ServiceDefinition member, CancellationToken cancellationToken)
    {
        var password = ClientCredential(member)?.Password;
        if (member.Member is { Kind: HaMemberKind.Watcher, Spec.Watchers.Settings: SentinelSpec sentinel })
            return await SentinelProbe.PrimaryAsync(member.HealthEndpoint, password, sentinel.MasterName, cancellationToken) is { } primary
                ? new MemberRole($"sentinel (primary {primary})", []) : null;
        return await ReplicationProbe.ReadAsync(member.HealthEndpoint, ClientCredential(member), cancellationToken) is { } info
            ? new MemberRole(info.IsPrimary ? "primary" : "replica", []) : null;
    }

    public IHaWatcherSection WatcherSection { get; } = new SentinelSection();

    /// <summary>
    /// StackExchange.Redis' Sentinel form (<c>…:26379,…,serviceName=sonic</c>), and the Sentinels' addresses and
    /// master name under generic names.
    /// </summary>
    public WatchedClients ClientsOf(HaWatchers watchers, IReadOnlyList<ServiceEndpoint> endpoints, Secrets.Credential? credential)
    {
        var master = ((SentinelSpec)watchers.Settings).MasterName;
        var sentinels = string.Join(",", endpoints);
        var dotnet = $"{sentinels},serviceName={master}" + (credential is { } c ? $",user={c.User},password={c.Password}" : "");
        return new WatchedClients(dotnet, [("REDIS_SENTINELS", sentinels), ("REDIS_SENTINEL_MASTER", master)]);
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();
}
