using Arc.Platform.Yaml;

namespace Arc.Platform.Registry;

/// <summary>
/// Every service and profile of a repository, validated as a whole: the one place that
/// knows which names exist and how they relate.
/// </summary>
public sealed class ServiceRegistry
{
    public const string ProfilesFile = "services/profiles.yaml";

    internal ServiceRegistry(string root, IReadOnlyList<ServiceDefinition> services, IReadOnlyList<ProfileDefinition> profiles)
    {
        Root = root;
        Services = services;
        Profiles = profiles;
    }

    public string Root { get; }
    public IReadOnlyList<ServiceDefinition> Services { get; }
    public IReadOnlyList<ProfileDefinition> Profiles { get; }

    public static ServiceRegistry Load(string root) => RegistryLoader.Load(root);

    public ServiceDefinition? FindService(string codename) => Services.FirstOrDefault(s => s.Codename == codename);

    public ServiceDefinition Service(string codename) =>
        FindService(codename) ?? throw new InvalidOperationException($"no service with codename '{codename}'");

    public ProfileDefinition? FindProfile(string name) => Profiles.FirstOrDefault(p => p.Name == name);

    /// <summary>The codenames of a profile, following includes, in declaration order.</summary>
    public IReadOnlyList<string> ProfileMembers(string profile)
    {
        var members = new List<string>();
        Collect(profile, members, []);
        return members;
    }

    private void Collect(string profile, List<string> members, HashSet<string> visiting)
    {
        if (!visiting.Add(profile))
            return;
        var definition = FindProfile(profile) ?? throw new InvalidOperationException($"no profile '{profile}'");
        foreach (var included in definition.Includes)
            Collect(included, members, visiting);
        foreach (var service in definition.Services)
            if (!members.Contains(service))
                members.Add(service);
    }

    /// <summary>Every name a target may use, for "valid targets are ..." messages.</summary>
    public IReadOnlyList<string> TargetNames() =>
        [.. Services.SelectMany(s => new[] { s.Codename, s.Name, s.Role }).Concat(Profiles.Select(p => p.Name)).Distinct().Order(StringComparer.Ordinal)];

    public TargetSelection Resolve(IReadOnlyList<string> targets, string defaultProfile = "think") =>
        TargetResolver.Resolve(this, targets, defaultProfile);
}
