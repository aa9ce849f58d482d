using Arc.Platform.Drivers;
using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// `--ha` (DESIGN.md §8): a selected service with an <c>ha:</c> topology becomes its member processes, each a
/// service of its own to the operations (started, waited for, probed, stopped, logged). Data members keep the
/// service's layer (a NATS cluster forms only with its peers up); the technology's watchers (Redis' Sentinels)
/// follow in a layer of their own.
/// A topology and a single server of the same service never run side by side.
/// </summary>
internal static class HaSelection
{
    /// <summary>`up`: the members with <paramref name="ha"/>; either way, a refusal when the other form runs.</summary>
    public static async Task<TargetSelection> ForUpAsync(TargetSelection selection, IServiceDriver driver, bool ha, CancellationToken cancellationToken)
    {
        var topologies = selection.Services.Where(s => s.Ha is not null).ToList();
        if (ha && driver.Capabilities.KeepsStateFor is null)
            throw new UsageException($"--ha: the {driver.Name} driver runs no highly available topology yet; use --driver native");
        if (ha && topologies.Count == 0)
            throw new UsageException($"--ha: none of {string.Join(", ", selection.Services.Select(s => s.Codename))} declares an 'ha:' topology in its service.yaml");
        foreach (var service in topologies)
        {
            if (ha && service.Ha!.Clash() is { } port)
            {
                var at = service.Where("ha");
                throw new ConfigException(at.File, at.Line, at.Column, $"{service.Codename}'s ha topology puts two listeners on port {port}");
            }
            if (ha && (await driver.InspectAsync(service, cancellationToken)).Running)
                throw new DriverException($"{service.Codename} runs as a single server; stop it first (`arc down {service.Codename}`), then `arc up {service.Codename} --ha`");
            if (!ha && await AnyRunningMemberAsync(service, driver, cancellationToken) is { } member)
                throw new DriverException($"{service.Codename} runs highly available ({member} is up); use `arc up {service.Codename} --ha`, or `arc down {service.Codename}` first");
        }
        var names = topologies.Select(s => s.Codename).ToHashSet(StringComparer.Ordinal);
        return ha ? Expand(selection, s => names.Contains(s.Codename) ? HaTopology.Members(s) : [s]) : selection;
    }

    /// <summary>
    /// `down`, `clean`, `status`, `health`, `logs`: a service whose members left state behind is its members, and
    /// itself too when its single server left state of its own (so `clean` deletes both).
    /// </summary>
    public static TargetSelection ForExisting(TargetSelection selection, DriverSelection drivers, DriverChoice choice)
    {
        var keepers = drivers.StateKeepers(choice);
        if (keepers.Count == 0)
            return selection;
        bool keeps(string codename) => keepers.Any(k => k(codename));
        var ran = selection.Services.Where(s => HaTopology.Members(s).Any(m => keeps(m.Codename))).Select(s => s.Codename).ToHashSet(StringComparer.Ordinal);
        return ran.Count == 0 ? selection : Expand(selection, s => !ran.Contains(s.Codename) ? [s]
            : keeps(s.Codename) ? [s, .. HaTopology.Members(s)] : HaTopology.Members(s));
    }

    /// <summary>Every member codename of every topology the registry declares (they are no registry services of their own).</summary>
    public static IReadOnlySet<string> MemberCodenames(ServiceRegistry registry) =>
        registry.Services.SelectMany(HaTopology.Members).Select(m => m.Codename).ToHashSet(StringComparer.Ordinal);

    private static TargetSelection Expand(TargetSelection selection, Func<ServiceDefinition, IReadOnlyList<ServiceDefinition>> processesOf)
    {
        var layers = new List<IReadOnlyList<ServiceDefinition>>();
        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in selection.Layers)
        {
            var data = new List<ServiceDefinition>();
            var watchers = new List<ServiceDefinition>();
            foreach (var service in layer)
            {
                var members = processesOf(service);
                data.AddRange(members.Where(m => m.Member is not { Kind: HaMemberKind.Watcher }));
                watchers.AddRange(members.Where(m => m.Member is { Kind: HaMemberKind.Watcher }));
                if (selection.IsExplicit(service))
                    explicitNames.UnionWith(members.Select(m => m.Codename));
            }
            layers.Add(data);
            if (watchers.Count > 0)
                layers.Add(watchers);
        }
        return new TargetSelection(layers, explicitNames) { Absent = selection.Absent };
    }

    /// <summary>Only a driver that runs topologies can run a member; only a member it keeps state for can run now.</summary>
    private static async Task<string?> AnyRunningMemberAsync(ServiceDefinition service, IServiceDriver driver, CancellationToken cancellationToken)
    {
        if (driver.Capabilities.KeepsStateFor is not { } keeps)
            return null;
        foreach (var member in HaTopology.Members(service).Where(m => keeps(m.Codename)))
            if ((await driver.InspectAsync(member, cancellationToken)).Running)
                return member.Codename;
        return null;
    }
}
