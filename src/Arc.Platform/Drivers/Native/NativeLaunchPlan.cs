namespace Arc.Platform.Drivers.Native;

/// <summary>Where a native process keeps its state.</summary>
public sealed record NativeLaunchContext(string DataDirectory, string LogFile)
{
    /// <summary>Who may connect (written into the server's own configuration files); null runs it open.</summary>
    public Secrets.ServiceCredentials? Credentials { get; init; }

    /// <summary>
    /// Finds a server's executable by name; null looks on this host. A driver that runs the plan inside the
    /// server's own image (the docker driver's topology members, whose image's entrypoint runs the server) needs none here.
    /// </summary>
    public Func<string, string?>? Locate { get; init; }
}

/// <summary>
/// A process to start, or why it cannot be (<see cref="MissingRuntimeRemedy"/> set: the service is skipped).
/// </summary>
public sealed record NativeLaunchPlan(
    string Executable,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string? MissingRuntimeRemedy,
    IReadOnlyList<NativeLaunchPlan> Sidecars)
{
    public static NativeLaunchPlan Missing(string remedy) => new("", [], new Dictionary<string, string>(), remedy, []);

    /// <summary>
    /// Generated files (absolute path → content) the driver writes before starting the process,
    /// such as Pulsar's configuration with host ports; empty for servers configured by flags alone.
    /// </summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Those of <see cref="Files"/> the server rewrites itself (Redis's CONFIG REWRITE, Sentinel's state): handed to
    /// the server user once written.
    /// </summary>
    public IReadOnlyList<string> ServerWritable { get; init; } = [];

    /// <summary>
    /// Seconds the supervisor waits before restarting the process the first time (1 by default). A Redis
    /// primary must stay down until its Sentinels failed over: restarted sooner, it comes back as primary with
    /// what its AOF kept, and its replicas resync from it, dropping writes they had confirmed (WAIT).
    /// </summary>
    public int FirstRestartDelaySeconds { get; init; } = 1;
}
