namespace Arc.Platform.Technologies.Nats;

/// <summary>
/// nats-server's command-line flags that arc reads or rewrites, written once: the native launch edits them and
/// `verify`'s NATS rules check them from the same table. <see cref="Short"/> is the spelling messages name.
/// </summary>
internal sealed record NatsFlag(params string[] Aliases)
{
    /// <summary>The short spelling ("-p"), which the compose files use and messages quote.</summary>
    public string Short => Aliases.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).DefaultIfEmpty(Aliases[0]).First();
}

internal static class NatsFlags
{
    public static readonly NatsFlag Port = new("--port", "-p");
    public static readonly NatsFlag MonitorPort = new("--http_port", "-m");
    public static readonly NatsFlag StoreDir = new("--store_dir", "-sd");
    public static readonly NatsFlag JetStream = new("--jetstream", "-js");
    // nats-server 2.9 binds the monitor listener to this host too (http_host defaults to host).
    public static readonly NatsFlag Address = new("--addr", "-a", "--net");
    public static readonly NatsFlag Config = new("--config", "-c");

    /// <summary>Where nats-server listens: its address, monitor, cluster, gateway, leafnode and websocket listeners (verify's listen-loopback-only).</summary>
    public static readonly ListenFlags Listen = new(
        [.. Bare(Address), "http_host"],
        [.. Bare(MonitorPort), "http", "https", "https_port", "ms"],
        ["cluster", "cluster_listen", "routes", "websocket", "ws", "gateway", "leafnode", "leafnodes"]);

    private static IEnumerable<string> Bare(NatsFlag flag) => flag.Aliases.Select(a => a.TrimStart('-'));

    /// <summary>The port of service.yaml each port flag sets: the rules compare them, the launch moves them to the host port.</summary>
    public static readonly IReadOnlyList<(string PortName, NatsFlag Flag)> Ports = [("monitor", MonitorPort), ("client", Port)];
}
