using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers;

/// <summary>
/// A driver as the composition root registers it: the driver, and whether it can run services here now. A driver that
/// needs nothing outside arc (local processes) declares no <see cref="Answers"/> and is always available; one that
/// talks to an engine (docker, a cluster) says how to ask it and what to say when it does not answer.
/// </summary>
public sealed record DriverRegistration(IServiceDriver Driver)
{
    public string Name => Driver.Name;

    /// <summary>Whether its engine answers here (cancellable: a hung engine can take seconds to say nothing); null: always available.</summary>
    public Func<CancellationToken, Task<bool>>? Answers { get; init; }

    /// <summary>What is wrong when <see cref="Answers"/> says no, e.g. "no Docker engine answers (…)".</summary>
    public string Unanswered { get; init; } = "";

    /// <summary>True when it needs no engine: `--driver auto` falls back to it, and asks it first whether it runs a service.</summary>
    public bool AlwaysAvailable => Answers is null;
}

/// <summary>What a driver is built for: the repository root and each service's technology.</summary>
public sealed record DriverSite(string Root, Func<ServiceDefinition, ITechnology> TechnologyFor);

/// <summary>
/// A driver this build knows: its `--driver` word, how auto's help names it when it is picked for answering
/// (empty for a driver that needs no engine: auto falls back to it), and how it is built for a repository.
/// </summary>
public sealed record DriverEntry(string Name, string AutoWords, Func<DriverSite, DriverRegistration> Register)
{
    public bool NeedsEngine => AutoWords.Length > 0;

    /// <summary>The `arc env --network` views clients of what it runs can take (<see cref="Connections.NetworkView.Host"/> for every driver so far).</summary>
    public IReadOnlyList<Connections.NetworkView> NetworkViews { get; init; } = [Connections.NetworkView.Host];
}
