using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Connections;

/// <summary>
/// `arc env` while a service runs its highly available topology (DESIGN.md §8), on this host. Without watchers
/// (NATS) clients get every member in one URL list (<c>nats://…:4222,nats://…:4223,…</c>), which nats.go and
/// NATS.Net read as a server pool. With watchers (Redis' Sentinels) clients find the primary through them, in the
/// forms the technology gives (<see cref="IWatchedTopology"/>); a setting that holds one host and port (Cortex's)
/// gets the primary the watchers name now, which a failover moves.
/// </summary>
public static class TopologyEndpoints
{
    /// <param name="primary">The data member a Sentinel names primary now (its first member when none answers).</param>
    public static IReadOnlyList<EnvVariable> Variables(ServiceDefinition service, HaSpec spec, ITechnology technology, ServiceDefinition primary,
        IReadOnlyList<Consumers.Consumer> consumers, bool ownsGenericNames)
    {
        var connection = technology.Connection;
        var credential = Secrets.ServiceCredentials.Of(service, connection)?.Client;
        var variables = new List<EnvVariable>();
        var members = HaTopology.ClientEndpoints(service, connection.ClientPort);
        string url, dotnet;
        if (spec.Watchers is { } watchers && technology is IWatchedTopology watched)
        {
            var clients = watched.ClientsOf(watchers, HaTopology.WatcherEndpoints(service), credential);
            url = ServiceEndpoints.Resolve(primary, connection, new Consumers.ConsumerSetting("", service.Codename, Consumers.SettingValue.Url, null, 0), NetworkView.Host)!;
            dotnet = clients.Dotnet;
            if (ownsGenericNames)
                variables.AddRange(clients.Generic.Select(g => new EnvVariable(g.Name, g.Value, ConnectionSettings.GenericGroup)));
        }
        else
        {
            url = string.Join(",", members.Select(m => Secrets.SecretUrl.With(m.Url(connection.Scheme), credential)));
            dotnet = url;
        }
        if (ownsGenericNames)
            variables.Insert(0, new EnvVariable(connection.GenericUrl, url, ConnectionSettings.GenericGroup));
        variables.Add(new EnvVariable($"ConnectionStrings__{service.Codename}", dotnet, ConnectionSettings.DotnetGroup));
        foreach (var consumer in consumers)
            foreach (var setting in consumer.Settings.Where(s => s.Service == service.Codename))
            {
                var value = setting.Value == Consumers.SettingValue.Url ? url : ServiceEndpoints.Resolve(primary, connection, setting, NetworkView.Host);
                if (value is not null)
                    variables.Add(new EnvVariable(setting.Variable, value, consumer.Name));
            }
        return variables;
    }
}
