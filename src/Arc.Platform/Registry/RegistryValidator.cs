using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>Rules that span files: unique names across kinds, unique host ports, known references, no cycles.</summary>
internal static class RegistryValidator
{
    public static void Validate(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<ProfileDefinition> profiles)
    {
        UniqueNames(services, profiles);
        UniqueHostPorts(services);
        KnownDependencies(services);
        KnownProfileIncludes(profiles);
        DependencyOrder.Layers(services, services.Select(s => s.Codename).ToList());
    }

    /// <summary>
    /// A profile member no service here defines is the platform's (cortex, otel: reported absent) only when
    /// services/platform.yaml or a directory under services/ names it; any other is a typo, refused at its line.
    /// </summary>
    public static void KnownProfileMembers(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<ProfileDefinition> profiles, PlatformServices? platform)
    {
        if (platform is null)
            return;
        foreach (var profile in profiles)
            for (var i = 0; i < profile.Services.Count; i++)
            {
                var member = profile.Services[i];
                if (services.Any(s => s.IsNamedBy(member)) || platform.Knows(member))
                    continue;
                var at = i < profile.ServiceLocations.Count ? profile.ServiceLocations[i] : new SourceLocation(ServiceRegistry.ProfilesFile, profile.Line, 1);
                throw new ConfigException(at.File, at.Line, at.Column,
                    $"profile '{profile.Name}' lists '{member}', which is no service here (codename, service name or role) and not one of the platform's services in {PlatformServices.File}; a typo?");
            }
    }

    private static void UniqueNames(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<ProfileDefinition> profiles)
    {
        var owners = new Dictionary<string, (ServiceDefinition Service, string Kind)>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var (kind, value) in new[] { ("codename", service.Codename), ("name", service.Name), ("role", service.Role) })
            {
                // A service's role may repeat its own codename or name; only clashes between services count.
                if (owners.TryGetValue(value, out var other) && !ReferenceEquals(other.Service, service))
                {
                    var at = service.Where(kind);
                    throw new ConfigException(at.File, at.Line, at.Column,
                        $"'{value}' is the {kind} of {service.File} and the {other.Kind} of {other.Service.File}; every codename, service name, role and profile name must be unique");
                }
                owners.TryAdd(value, (service, kind));
            }
        }
        foreach (var profile in profiles)
            if (owners.TryGetValue(profile.Name, out var other))
                throw new ConfigException(ServiceRegistry.ProfilesFile, profile.Line, 3, $"profile name '{profile.Name}' is also the {other.Kind} of {other.Service.File}");
    }

    private static void UniqueHostPorts(IReadOnlyList<ServiceDefinition> services)
    {
        var owners = new Dictionary<int, string>();
        foreach (var service in services)
            foreach (var port in service.Ports)
            {
                var owner = $"{service.Codename} port '{port.Name}'";
                if (!owners.TryAdd(port.Host, owner))
                {
                    var at = service.Where($"ports.{port.Name}");
                    throw new ConfigException(at.File, at.Line, at.Column, $"host port {port.Host} of {owner} is already taken by {owners[port.Host]}");
                }
            }
    }

    private static void KnownDependencies(IReadOnlyList<ServiceDefinition> services)
    {
        var codenames = services.Select(s => s.Codename).ToHashSet(StringComparer.Ordinal);
        foreach (var service in services)
            for (var i = 0; i < service.DependsOn.Count; i++)
                if (!codenames.Contains(service.DependsOn[i]))
                {
                    var at = service.Where($"depends_on[{i}]");
                    throw new ConfigException(at.File, at.Line, at.Column, $"{service.Codename} depends on unknown service '{service.DependsOn[i]}' (known: {string.Join(", ", codenames.Order())})");
                }
    }

    private static void KnownProfileIncludes(IReadOnlyList<ProfileDefinition> profiles)
    {
        // Members that are not in this repository are the platform's other services (cortex, otel):
        // reported absent where a profile is used, not an error here.
        var names = profiles.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            foreach (var included in profile.Includes.Where(i => !names.Contains(i)))
                throw new ConfigException(ServiceRegistry.ProfilesFile, profile.Line, 3, $"profile '{profile.Name}' includes unknown profile '{included}'");
        }
        ProfileIncludeCycles(profiles);
    }

    private static void ProfileIncludeCycles(IReadOnlyList<ProfileDefinition> profiles)
    {
        var byName = profiles.ToDictionary(p => p.Name);
        foreach (var start in profiles)
        {
            var path = new List<string>();
            if (FindCycle(start.Name, byName, path, []))
                throw new ConfigException(ServiceRegistry.ProfilesFile, start.Line, 3, $"profiles include each other in a cycle: {string.Join(" -> ", path)}");
        }
    }

    private static bool FindCycle(string name, Dictionary<string, ProfileDefinition> byName, List<string> path, HashSet<string> done)
    {
        if (path.Contains(name))
        {
            path.Add(name);
            return true;
        }
        if (!done.Add(name))
            return false;
        path.Add(name);
        foreach (var included in byName[name].Includes)
            if (FindCycle(included, byName, path, done))
                return true;
        path.RemoveAt(path.Count - 1);
        return false;
    }
}
