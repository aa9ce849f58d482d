namespace Arc.Platform.Technologies;

/// <summary>
/// A technology's flags that name where its server (or its exporter) listens, without their dashes (nats-server and
/// Go's flag parser accept one or two): `verify`'s listen-loopback-only checks every compose command against the
/// union of what the technologies declare, plus the few words any server may use.
/// </summary>
/// <param name="Host">Flags that take a host ("addr").</param>
/// <param name="HostPort">Flags that take host:port, a bare port being fine ("http_port", "web.listen-address").</param>
/// <param name="Url">Flags that take a URL or a comma-separated list of them ("cluster", "routes").</param>
public sealed record ListenFlags(IReadOnlyList<string> Host, IReadOnlyList<string> HostPort, IReadOnlyList<string> Url)
{
    public static ListenFlags None { get; } = new([], [], []);

    /// <summary>Flags that take several hosts, each a word of its own until the next flag (Redis' "bind").</summary>
    public IReadOnlyList<string> SeveralHosts { get; init; } = [];

    /// <summary>Whether <paramref name="name"/> (without dashes) is one of these flags.</summary>
    public bool Names(string name) => Host.Contains(name) || HostPort.Contains(name) || Url.Contains(name) || SeveralHosts.Contains(name);

    /// <summary>Every flag of <paramref name="all"/>, kind by kind.</summary>
    public static ListenFlags Union(IEnumerable<ListenFlags> all)
    {
        var list = all.ToList();
        return new([.. list.SelectMany(f => f.Host).Distinct()], [.. list.SelectMany(f => f.HostPort).Distinct()], [.. list.SelectMany(f => f.Url).Distinct()])
        {
            SeveralHosts = [.. list.SelectMany(f => f.SeveralHosts).Distinct()],
        };
    }
}

/// <summary>A technology's capability: the listen flags of its server and exporter (<see cref="ListenFlags"/>).</summary>
public interface IListenFlags
{
    ListenFlags Listen { get; }
}
