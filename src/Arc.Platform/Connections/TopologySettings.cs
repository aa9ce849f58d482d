using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;
using Arc.Platform.Registry;

namespace Arc.Platform.Connections;

/// <summary>
/// `arc env` over services that run their highly available topology: their single-server settings give way to
/// the cluster's (<see cref="TopologyEndpoints"/>), and they are not labelled stopped.
/// </summary>
internal static class TopologySettings
{
    public static async Task<EnvSettings> ApplyAsync(EnvSettings settings, TargetSelection selection, ServiceLifecycle lifecycle, DriverChoice choice,
        IReadOnlyList<Consumers.Consumer> consumers, CancellationToken cancellationToken)
    {
        if (settings.Network != NetworkView.Host)
            return settings;
        var variables = settings.Variables.ToList();
        var stopped = settings.Stopped.ToList();
        foreach (var service in selection.Services.Where(s => s.Ha is not null))
        {
            var members = HaTopology.DataMembers(service, service.Ha!).ToList();
            var running = new List<ServiceDefinition>();
            foreach (var member in members)
            {
                // Only a driver that runs topologies has members: the docker driver would answer for the single
                // container of the same compose service and make `env` hand out member ports nothing listens on.
                var driver = await lifecycle.DriverForAsync(member, choice, cancellationToken);
                if (driver.Capabilities.KeepsStateFor is { } keeps && keeps(member.Codename) && (await driver.InspectAsync(member, cancellationToken)).Running)
                    running.Add(member);
            }
            if (running.Count == 0)
                continue;
            var technology = lifecycle.TechnologyOf(service);
            var connection = technology.Connection;
            var owns = selection.Services.First(s => s.Tech == service.Tech) == service;
            var replaced = consumers.SelectMany(c => c.Settings).Where(s => s.Service == service.Codename).Select(s => s.Variable)
                .Append($"ConnectionStrings__{service.Codename}").Concat(owns ? [connection.GenericUrl] : []).ToHashSet(StringComparer.Ordinal);
            variables.RemoveAll(v => replaced.Contains(v.Name));
            var primary = await PrimaryAsync(running, lifecycle, cancellationToken) ?? running[0];
            variables.AddRange(TopologyEndpoints.Variables(service, service.Ha!, technology, primary, consumers, owns));
            stopped.RemoveAll(s => s.Codename == service.Codename);
        }
        return settings with { Variables = variables, Stopped = stopped };
    }

    private static async Task<ServiceDefinition?> PrimaryAsync(IReadOnlyList<ServiceDefinition> members, ServiceLifecycle lifecycle, CancellationToken cancellationToken)
    {
        foreach (var member in members)
            if (await lifecycle.RoleOfAsync(member, cancellationToken) is { Role: "primary" })
                return member;
        return null;
    }
}
