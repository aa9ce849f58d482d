using Arc.Platform.Technologies;

namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// What the native and reliability tiers need on the machine: the servers they start, found the
/// way <c>arc</c> finds them. Without one, their tests are skipped with this reason.
/// </summary>
public static class NativeTier
{
    private static readonly string[] Servers = ["nats-server", "redis-server"];

    private static readonly Lazy<string?> Missing = new(() =>
        Servers.Where(server => ExecutableLocator.Find(server) is null).ToList() is [_, ..] missing
            ? $"{string.Join(" and ", missing)} not installed (`scripts/ensure-deps.sh test` installs them)"
            : null);

    /// <summary>Why the tier cannot run here, or null when it can.</summary>
    public static string? MissingPrerequisite => Missing.Value;
}
