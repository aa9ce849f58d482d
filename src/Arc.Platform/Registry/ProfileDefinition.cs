namespace Arc.Platform.Registry;

/// <summary>A named set of services; <see cref="Includes"/> pulls in every service of other profiles.</summary>
public sealed record ProfileDefinition(string Name, string Description, IReadOnlyList<string> Services, IReadOnlyList<string> Includes, int Line);
