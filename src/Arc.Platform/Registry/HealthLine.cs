using System.Globalization;

namespace Arc.Platform.Registry;

/// <summary>
/// The platform's <c>health:</c> line, as its own tools read it (a URL they curl, or a command
/// they run): <c>http://localhost:8222/healthz</c>, <c>redis://localhost:6379</c>,
/// <c>tcp://localhost:6650</c>, or a command such as <c>redis-cli -p 6379 ping</c>. arc probes the
/// same port with the technology's own probe: the URL's port, or a command's <c>-p</c>/<c>--port</c>,
/// else the service's first port, found among the service's ports.
/// </summary>
internal static class HealthLine
{
    /// <summary>The technologies' own client schemes: a technology added to the catalog is accepted here too.</summary>
    private static IReadOnlyList<string> ClientSchemes => Technologies.TechnologyCatalog.ClientSchemes;

    private static readonly HashSet<string> Schemes = ["http", "https", "tcp", .. ClientSchemes];

    /// <summary>"http(s)://, tcp://, nats://, redis:// or pulsar://".</summary>
    private static string SchemeList
    {
        get
        {
            string[] all = [.. new[] { "http(s)", "tcp" }.Concat(ClientSchemes).Select(s => s + "://")];
            return $"{string.Join(", ", all[..^1])} or {all[^1]}";
        }
    }

    /// <summary>The probe spec, or an error message saying why the line names no port of the service.</summary>
    public static (HealthSpec? Spec, string Error) Parse(string line, IReadOnlyList<PortBinding> ports)
    {
        var text = line.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
            return FromUrl(text, ports);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var flag = Array.FindIndex(words, w => w is "-p" or "--port");
        if (flag < 0)
            return (new HealthSpec(ports[0].Name, null) { Line = text }, "");
        if (flag + 1 >= words.Length || !TryPort(words[flag + 1], out var port))
            return (null, $"health command '{text}': {words[flag]} needs a port number");
        return Among(port, null, text, ports);
    }

    private static (HealthSpec?, string) FromUrl(string text, IReadOnlyList<PortBinding> ports)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme))
            return (null, $"health '{text}' must be an {SchemeList} URL, or a command");
        if (uri.IsDefaultPort && !text.Contains($":{uri.Port}", StringComparison.Ordinal) || uri.Port <= 0)
            return (null, $"health URL '{text}' must name its port (host:port), so arc can find it among the service's ports");
        var path = uri.Scheme is "http" or "https" ? uri.PathAndQuery : null;
        return Among(uri.Port, path, text, ports);
    }

    /// <summary>
    /// The port the line names, by host port (the platform's tools run the line on the host), else by
    /// container port: a copy of the repository that moves a port to another host port keeps working.
    /// </summary>
    private static (HealthSpec?, string) Among(int port, string? path, string text, IReadOnlyList<PortBinding> ports) =>
        (ports.FirstOrDefault(p => p.Host == port) ?? ports.FirstOrDefault(p => p.Container == port)) is { } binding
            ? (new HealthSpec(binding.Name, path) { Line = text }, "")
            : (null, $"health '{text}' checks port {port}, which is not one of the service's ports ({string.Join(", ", ports.Select(p => p.Host))})");

    private static bool TryPort(string word, out int port) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
