namespace Arc.Platform.Registry;

/// <summary>
/// Services chosen by a command's targets, in dependency layers. A service is
/// <see cref="IsExplicit"/> when named directly (codename, service name or role) rather
/// than pulled in through a profile or as a dependency: a missing runtime fails the run only then.
/// </summary>
public sealed class TargetSelection(IReadOnlyList<IReadOnlyList<ServiceDefinition>> layers, IReadOnlySet<string> explicitCodenames)
{
    /// <summary>Members of the selected profiles that are not in this repository (such as cortex): nothing to start for them.</summary>
    public IReadOnlyList<string> Absent { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<ServiceDefinition>> Layers { get; } = layers;
    public IReadOnlyList<ServiceDefinition> Services { get; } = [.. layers.SelectMany(l => l)];
    public bool IsExplicit(ServiceDefinition service) => explicitCodenames.Contains(service.Codename);
}

/// <summary>The user named something that does not exist, or combined arguments wrongly: exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
