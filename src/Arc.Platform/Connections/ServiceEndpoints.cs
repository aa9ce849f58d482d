using Arc.Platform.Consumers;
using Arc.Platform.Registry;

namespace Arc.Platform.Connections;

/// <summary>Where a client sits: on this host, or in a container on arc_platform_net.</summary>
public enum NetworkView
{
    /// <summary>127.0.0.1 and the published host ports (both drivers publish the same ones).</summary>
    Host,
    /// <summary>The container name (arc-messaging) and the container port, as compose runs the service.</summary>
    Platform,
}

/// <summary>
/// How each technology is reached: its URL scheme, the port a client connects to, and the names
/// clients know it by. The one place that maps a service to connection values, for `arc env`
/// and for the verify rule that checks consumers.yaml's settings.
/// </summary>
public static class ServiceEndpoints
{
    private sealed record TechEndpoints(string ClientPort, string Scheme, string? AdminPort, string GenericUrl, string? GenericAdminUrl, bool DotnetUrl);

    private static readonly Dictionary<string, TechEndpoints> ByTech = new(StringComparer.Ordinal)
    {
        ["nats"] = new("client", "nats", null, "NATS_URL", null, DotnetUrl: true),
        // StackExchange.Redis takes host:port, not a URL.
        ["redis"] = new("client", "redis", null, "REDIS_URL", null, DotnetUrl: false),
        ["pulsar"] = new("broker", "pulsar", "admin", "PULSAR_SERVICE_URL", "PULSAR_ADMIN_URL", DotnetUrl: true),
    };

    /// <summary>Why <paramref name="service"/> cannot provide <paramref name="value"/>, or null when it can.</summary>
    public static string? Refusal(ServiceDefinition service, SettingValue value)
    {
        if (!ByTech.TryGetValue(service.Tech, out var tech))
            return $"arc knows no connection values of tech '{service.Tech}'";
        var port = value switch
        {
            SettingValue.AdminUrl => tech.AdminPort,
            SettingValue.Url or SettingValue.Host or SettingValue.Port => tech.ClientPort,
            SettingValue.Password => service.Tech == "redis" ? tech.ClientPort : null,
            _ => "",
        };
        if (port is null)
            return $"{service.Codename} ({service.Tech}) has no {ValueName(value)}";
        return port.Length == 0 || service.Ports.Any(p => p.Name == port) ? null : $"{service.Codename} declares no '{port}' port";
    }

    /// <summary>
    /// The value a consumer setting holds, or null where there is nothing to print: a password
    /// is printed only where one is configured, and arc configures none.
    /// </summary>
    public static string? Resolve(ServiceDefinition service, ConsumerSetting setting, NetworkView view) => setting.Value switch
    {
        SettingValue.Url => Url(service, view),
        SettingValue.AdminUrl => AdminUrl(service, view),
        SettingValue.Host => HostName(service, view),
        SettingValue.Port => PortOf(service, Tech(service).ClientPort, view).ToString(),
        SettingValue.Literal => setting.Literal,
        _ => null,
    };

    /// <summary>NATS_URL, REDIS_URL, PULSAR_SERVICE_URL, PULSAR_ADMIN_URL: the names most clients read.</summary>
    public static IEnumerable<(string Name, string Value)> Generic(ServiceDefinition service, NetworkView view)
    {
        if (!ByTech.TryGetValue(service.Tech, out var tech))
            yield break;
        yield return (tech.GenericUrl, Url(service, view));
        if (tech.GenericAdminUrl is not null)
            yield return (tech.GenericAdminUrl, AdminUrl(service, view)!);
    }

    /// <summary>ConnectionStrings__&lt;codename&gt;, what .NET configuration binds to GetConnectionString("flash").</summary>
    public static (string Name, string Value)? Dotnet(ServiceDefinition service, NetworkView view)
    {
        if (!ByTech.TryGetValue(service.Tech, out var tech))
            return null;
        var value = tech.DotnetUrl ? Url(service, view) : $"{HostName(service, view)}:{PortOf(service, tech.ClientPort, view)}";
        return ($"ConnectionStrings__{service.Codename}", value);
    }

    private static string Url(ServiceDefinition service, NetworkView view)
    {
        var tech = Tech(service);
        return $"{tech.Scheme}://{HostName(service, view)}:{PortOf(service, tech.ClientPort, view)}";
    }

    private static string? AdminUrl(ServiceDefinition service, NetworkView view) =>
        Tech(service).AdminPort is { } admin ? $"http://{HostName(service, view)}:{PortOf(service, admin, view)}" : null;

    private static string HostName(ServiceDefinition service, NetworkView view) => view == NetworkView.Host ? ServiceEndpoint.LoopbackHost : service.Name;

    private static int PortOf(ServiceDefinition service, string name, NetworkView view) =>
        view == NetworkView.Host ? service.Port(name).Host : service.Port(name).Container;

    private static TechEndpoints Tech(ServiceDefinition service) =>
        ByTech.TryGetValue(service.Tech, out var tech) ? tech : throw new InvalidOperationException($"no connection values for tech '{service.Tech}'");

    private static string ValueName(SettingValue value) => value switch
    {
        SettingValue.AdminUrl => "admin_url",
        _ => value.ToString().ToLowerInvariant(),
    };
}
