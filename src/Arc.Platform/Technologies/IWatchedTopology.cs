using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// A technology whose highly available topology adds members that watch the data members and name their
/// leader (Redis' Sentinels, <see cref="HaWatchers"/>): it reads its own key of <c>ha:</c>, and tells how clients
/// find the leader through the watchers, since a fixed address stops being the leader after a failover.
/// </summary>
public interface IWatchedTopology
{
    /// <summary>Its key of <c>ha:</c>, read while the registry loads.</summary>
    IHaWatcherSection WatcherSection { get; }

    /// <summary>
    /// `arc env`'s settings through the watchers at <paramref name="endpoints"/>: .NET's connection string, and the
    /// generic variables (printed when this service owns the technology's generic names).
    /// </summary>
    WatchedClients ClientsOf(HaWatchers watchers, IReadOnlyList<ServiceEndpoint> endpoints, Secrets.Credential? credential);
}

/// <summary>How clients reach a watched topology: .NET's connection string and generic (name, value) settings.</summary>
public sealed record WatchedClients(string Dotnet, IReadOnlyList<(string Name, string Value)> Generic);
