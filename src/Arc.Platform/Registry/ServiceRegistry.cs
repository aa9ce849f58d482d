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

    /// <summary>The codenames of a profile's members that are in this repository, following includes, in declaration order.</summary>
    public IReadOnlyList<string> ProfileMembers(string profile) =>
        [.. DeclaredMembers(profile).Select(FindMember).OfType<ServiceDefinition>().Select(s => s.Codename).Distinct()];

    /// <summary>
    /// The members a profile names that are not in this repository (the platform's other services,
    /// such as cortex): reported as absent, never an error.
    /// </summary>
    public IReadOnlyList<string> AbsentMembers(string profile) =>
        [.. DeclaredMembers(profile).Where(m => FindMember(m) is null).Distinct()];

    /// <summary>A profile member by codename, service name or role, as the platform's profiles name them.</summary>
    public ServiceDefinition? FindMember(string member) =>
        Services.FirstOrDefault(s => s.Codename == member) ?? Services.FirstOrDefault(s => s.Name == member || s.Role == member);

    private List<string> DeclaredMembers(string profile)
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
        foreach (var member in definition.All ? Services.Select(s => s.Codename) : definition.Services)
            if (!members.Contains(member))
                members.Add(member);
    }

    /// <summary>Every name a target may use, for "valid targets are ..." messages.</summary>
    public IReadOnlyList<string> TargetNames() =>
        [.. Services.SelectMany(s => new[] { s.Codename, s.Name, s.Role }).Concat(Profiles.Select(p => p.Name)).Distinct().Order(StringComparer.Ordinal)];

    public TargetSelection Resolve(IReadOnlyList<string> targets, string defaultProfile = "think") =>
        TargetResolver.Resolve(this, targets, defaultProfile);
}
