using Arc.Platform.Consumers;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Connections;

/// <summary>
/// A service's connection values, from its technology's <see cref="ClientConnection"/> and the
/// ports its service.yaml declares. The one place that maps a service to connection values, for
/// `arc env` and for the verify rule that checks consumers.yaml's settings.
/// </summary>
public static class ServiceEndpoints
{
    /// <summary>Why <paramref name="service"/> cannot provide <paramref name="value"/>, or null when it can.</summary>
    public static string? Refusal(ServiceDefinition service, ClientConnection connection, SettingValue value)
    {
        var port = value switch
        {
            SettingValue.AdminUrl => connection.AdminPort,
            SettingValue.Url or SettingValue.Host or SettingValue.Port => connection.ClientPort,
            SettingValue.Password => connection.TakesPassword ? connection.ClientPort : null,
            _ => "",
        };
        if (port is null)
            return $"{service.Codename} ({service.Tech}) has no {ValueName(value)}";
        return port.Length == 0 || service.Ports.Any(p => p.Name == port) ? null : $"{service.Codename} declares no '{port}' port";
    }

    /// <summary>
    /// The value a consumer setting holds, or null where there is nothing to print: a password
    /// is printed only where the service has generated credentials (not under `up --insecure`).
    /// </summary>
    public static string? Resolve(ServiceDefinition service, ClientConnection connection, ConsumerSetting setting, NetworkView view) => setting.Value switch
    {
        SettingValue.Url => Url(service, connection, view),
        SettingValue.AdminUrl => AdminUrl(service, connection, view),
        SettingValue.Host => HostName(service, view),
        SettingValue.Port => PortOf(service, connection.ClientPort, view).ToString(),
        SettingValue.Literal => setting.Literal,
        SettingValue.Password => ClientCredential(service, connection)?.Password,
        _ => null,
    };

    /// <summary>NATS_URL, REDIS_URL, PULSAR_SERVICE_URL, PULSAR_ADMIN_URL: the names most clients read.</summary>
    public static IEnumerable<(string Name, string Value)> Generic(ServiceDefinition service, ClientConnection connection, NetworkView view)
    {
        yield return (connection.GenericUrl, Url(service, connection, view));
        if (connection.GenericAdminUrl is not null && AdminUrl(service, connection, view) is { } admin)
            yield return (connection.GenericAdminUrl, admin);
    }

    /// <summary>ConnectionStrings__&lt;codename&gt;, what .NET configuration binds to GetConnectionString("flash").</summary>
    public static (string Name, string Value) Dotnet(ServiceDefinition service, ClientConnection connection, NetworkView view)
    {
        var value = connection.DotnetTakesUrl
            ? Url(service, connection, view)
            : $"{HostName(service, view)}:{PortOf(service, connection.ClientPort, view)}{DotnetCredential(service, connection)}";
        return ($"ConnectionStrings__{service.Codename}", value);
    }

    /// <summary>The client URL with the platform client's credentials, percent-encoded, when the service has them.</summary>
    private static string Url(ServiceDefinition service, ClientConnection connection, NetworkView view) =>
        Secrets.SecretUrl.With($"{connection.Scheme}://{HostName(service, view)}:{PortOf(service, connection.ClientPort, view)}",
            ClientCredential(service, connection));

    /// <summary>StackExchange.Redis's host:port form takes its credentials as options (letters and digits: nothing to escape).</summary>
    private static string DotnetCredential(ServiceDefinition service, ClientConnection connection) =>
        ClientCredential(service, connection) is { } credential ? $",user={credential.User},password={credential.Password}" : "";

    private static Secrets.Credential? ClientCredential(ServiceDefinition service, ClientConnection connection) =>
        Secrets.ServiceCredentials.Of(service, connection)?.Client;

    private static string? AdminUrl(ServiceDefinition service, ClientConnection connection, NetworkView view) =>
        connection.AdminPort is { } admin ? $"http://{HostName(service, view)}:{PortOf(service, admin, view)}" : null;

    private static string HostName(ServiceDefinition service, NetworkView view) => view.OnHost ? ServiceEndpoint.LoopbackHost : service.Name;

    private static int PortOf(ServiceDefinition service, string name, NetworkView view) =>
        view.OnHost ? service.Port(name).Host : service.Port(name).Container;

    private static string ValueName(SettingValue value) => value switch
    {
        SettingValue.AdminUrl => "admin_url",
        _ => value.ToString().ToLowerInvariant(),
    };
}
