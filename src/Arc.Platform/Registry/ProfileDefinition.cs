namespace Arc.Platform.Registry;

/// <summary>
/// A named set of services, as the platform writes it: <see cref="Services"/> names members by
/// codename (or service name or role), which need not all be in this repository; <see cref="All"/>
/// is <c>services: '*'</c>, every service; <see cref="Includes"/> (an arc addition) pulls in the
/// members of other profiles.
/// </summary>
public sealed record ProfileDefinition(string Name, string Description, IReadOnlyList<string> Services, IReadOnlyList<string> Includes, int Line)
{
    public bool All { get; init; }

    /// <summary>The line of each entry of <see cref="Services"/> in profiles.yaml, in the same order (for errors that name one).</summary>
    public IReadOnlyList<SourceLocation> ServiceLocations { get; init; } = [];
}
