using Arc.Platform.Drivers;
using Arc.Platform.Drivers.Docker;
using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Composition;

/// <summary>
/// The one place drivers are registered: a new driver is its folder under Drivers/ plus its line here. `--driver`'s
/// words and help, auto's order and every lifecycle read this list; nothing else names a driver.
/// </summary>
public static class DriverCatalog
{
    /// <summary>Every driver of this build, in registration order (the order help lists them, and auto asks engines in).</summary>
    public static IReadOnlyList<DriverEntry> All { get; } =
    [
        NativeRegistration.Entry(),
        DockerRegistration.Entry,
    ];

    /// <summary>
    /// `arc env --network`'s views: those the drivers declare, in their order, then the Kubernetes renderer's (it runs
    /// nothing yet, so it is no driver here, but clients in a cluster are a view all the same).
    /// </summary>
    public static IReadOnlyList<Connections.NetworkView> NetworkViews(IReadOnlyList<DriverEntry> entries) =>
        [.. entries.SelectMany(e => e.NetworkViews).Append(Kubernetes.KubernetesConnections.View).Distinct()];

    /// <summary>`--driver`'s help: "auto (docker where an engine answers, else native), native or docker".</summary>
    public static string Help(IReadOnlyList<DriverEntry> entries)
    {
        var auto = entries.Where(e => e.NeedsEngine).Select(e => e.AutoWords).Append(entries.First(e => !e.NeedsEngine).Name);
        return $"auto ({string.Join(", else ", auto)}), {Spelled(entries.Select(e => e.Name).ToList(), " or ")}";
    }

    /// <summary>The words `--driver` takes, auto first.</summary>
    public static IReadOnlyList<string> Words(IReadOnlyList<DriverEntry> entries) => [DriverChoice.Auto.Name, .. entries.Select(e => e.Name)];

    private static string Spelled(IReadOnlyList<string> words, string last) =>
        words.Count < 2 ? string.Concat(words) : $"{string.Join(", ", words.Take(words.Count - 1))}{last}{words[^1]}";
}
