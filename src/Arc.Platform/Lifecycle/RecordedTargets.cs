using Arc.Platform.Registry;

namespace Arc.Platform.Lifecycle;

/// <summary>
/// TARGET... when the registry cannot be loaded, matched against what still reads: a recorded codename;
/// a codename, service name or role of a service.yaml that still reads; a profile of a profiles.yaml that
/// still reads (its members matched the same way, '*' being every record). No target means every record.
/// A target that matches nothing is returned as such, never guessed at.
/// </summary>
internal sealed class RecordedTargets(IReadOnlyList<string> recorded, IReadOnlyList<ServiceDefinition> readable, IReadOnlyList<ProfileDefinition> profiles)
{
    /// <summary>The recorded codenames <paramref name="targets"/> select, and the targets that match nothing.</summary>
    public static (IReadOnlyList<string> Selected, IReadOnlyList<string> Unmatched) Select(string root, IReadOnlyList<string> recorded, IReadOnlyList<string> targets) =>
        targets.Count == 0 ? (recorded, []) : Read(root, recorded).Match(targets);

    private static RecordedTargets Read(string root, IReadOnlyList<string> recorded)
    {
        var services = Directory.Exists(Path.Combine(root, "services"))
            ? Directory.GetDirectories(Path.Combine(root, "services")).Select(dir => Path.Combine(dir, "service.yaml")).Where(File.Exists)
                .Select(path => Try(() => ServiceDefinitionReader.Read(path, Path.GetRelativePath(root, path)))).OfType<ServiceDefinition>().ToList()
            : [];
        var profilesPath = Path.Combine(root, ServiceRegistry.ProfilesFile);
        var profiles = File.Exists(profilesPath) ? Try(() => ProfileReader.Read(profilesPath, ServiceRegistry.ProfilesFile)) ?? [] : [];
        return new RecordedTargets(recorded, services, profiles);
    }

    private (IReadOnlyList<string> Selected, IReadOnlyList<string> Unmatched) Match(IReadOnlyList<string> targets)
    {
        var selected = new List<string>();
        var unmatched = new List<string>();
        foreach (var target in targets)
        {
            var codenames = Member(target) is { } codename ? [codename] : ProfileMembers(target, []);
            if (codenames is null)
                unmatched.Add(target);
            else
                selected.AddRange(codenames.Where(recorded.Contains));
        }
        return ([.. recorded.Where(selected.Contains)], unmatched);
    }

    private string? Member(string name) =>
        recorded.Contains(name) ? name
        : readable.FirstOrDefault(s => s.IsNamedBy(name))?.Codename;

    /// <summary>The codenames a profile names (following includes), or null when no readable profile has that name.</summary>
    private List<string>? ProfileMembers(string name, HashSet<string> visiting)
    {
        if (profiles.FirstOrDefault(p => p.Name == name) is not { } profile || !visiting.Add(name))
            return null;
        if (profile.All)
            return [.. recorded];
        var members = profile.Services.Select(Member).OfType<string>().ToList();
        foreach (var included in profile.Includes)
            members.AddRange(ProfileMembers(included, visiting) ?? []);
        return members;
    }

    private static T? Try<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (ArcException)
        {
            return null;
        }
    }
}
