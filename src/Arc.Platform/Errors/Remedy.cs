using Arc.Platform.Drivers;
using Arc.Platform.Lifecycle;

namespace Arc.Platform;

/// <summary>
/// What the user can do next, when the answer is one of arc's own verbs or options. The library
/// names the remedy as data beside its message; a front end words it in its own terms (the CLI
/// appends "or use --driver docker" and the like), so no library text spells a command line.
/// </summary>
public abstract record Remedy;

/// <summary>Run the service with <paramref name="Driver"/> instead: what the chosen driver needs is not here.</summary>
public sealed record UseDriver(DriverChoice Driver) : Remedy;

/// <summary>Bring the service up first: nothing answers where it should.</summary>
public sealed record StartService(string Codename) : Remedy;

/// <summary>Stopping the service still works without its run record: it stops what it can prove and names the rest.</summary>
public sealed record StopFromProof : Remedy;
