namespace Arc.Platform.Technologies;

/// <summary>
/// How clients reach a technology: the named port they connect to, the URL scheme, and the names
/// most clients read (NATS_URL ...). A fact of each <see cref="ITechnology"/>, so `arc env` and the
/// consumers' verify rule learn a new technology from its own code, not from a table elsewhere.
/// </summary>
/// <param name="ClientPort">The service.yaml port name clients connect to ("client", Pulsar's "broker").</param>
/// <param name="Scheme">The URL scheme of that port ("nats", "redis", "pulsar").</param>
/// <param name="GenericUrl">The variable most clients read the URL from ("NATS_URL").</param>
public sealed record ClientConnection(string ClientPort, string Scheme, string GenericUrl)
{
    /// <summary>The port of an HTTP admin API, when there is one (Pulsar's "admin").</summary>
    public string? AdminPort { get; init; }

    /// <summary>The variable clients read the admin URL from ("PULSAR_ADMIN_URL").</summary>
    public string? GenericAdminUrl { get; init; }

    /// <summary>Whether .NET's connection string is the URL (NATS.Net, Pulsar) or host:port (StackExchange.Redis).</summary>
    public bool DotnetTakesUrl { get; init; } = true;

    /// <summary>Whether a password setting applies (Redis AUTH): printed when the service has generated credentials.</summary>
    public bool TakesPassword { get; init; }

    /// <summary>
    /// The users arc generates credentials for (DESIGN.md §8): the first is the platform's clients',
    /// the others its sidecars'. Empty: the technology runs without credentials (Pulsar standalone).
    /// </summary>
    public IReadOnlyList<string> Users { get; init; } = [];
}
