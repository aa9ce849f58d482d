namespace Arc.Platform.Registry;

internal static class TargetResolver
{
    public static TargetSelection Resolve(ServiceRegistry registry, IReadOnlyList<string> targets, string defaultProfile)
    {
        if (targets.Count == 0)
        {
            if (registry.FindProfile(defaultProfile) is null)
                throw new UsageException($"no target given and the default profile '{defaultProfile}' does not exist");
            targets = [defaultProfile];
        }
        var codenames = new List<string>();
        var explicitOnes = new HashSet<string>(StringComparer.Ordinal);
        var absent = new List<string>();
        foreach (var target in targets)
        {
            var service = registry.Services.FirstOrDefault(s => s.IsNamedBy(target));
            if (service is not null)
            {
                codenames.Add(service.Codename);
                explicitOnes.Add(service.Codename);
            }
            else if (registry.FindProfile(target) is not null)
            {
                codenames.AddRange(registry.ProfileMembers(target));
                absent.AddRange(registry.AbsentMembers(target));
            }
            else
                throw new UsageException($"unknown target '{target}'; valid targets: {string.Join(", ", registry.TargetNames())}");
        }
        return new TargetSelection(DependencyOrder.Layers(registry.Services, codenames.Distinct().ToList()), explicitOnes)
        {
            Absent = [.. absent.Distinct()],
        };
    }
}
