using Arc.Platform.Compose;
using Arc.Platform.Registry;

namespace Arc.Platform.Technologies;

/// <summary>
/// The capability of a technology that can run as a local process: driver-neutral facts of its server process
/// (<see cref="LaunchFacts"/>), read against the compose service's <c>command:</c> and <c>environment:</c> — never a
/// second copy of the flags. A technology without it runs under container drivers only; the native driver's planner
/// (Drivers/Native/NativeLaunchPlanner) turns the facts into a command line, so no technology builds one.
/// </summary>
public interface INativeLaunchFacts
{
    /// <summary>The facts of <paramref name="service"/>'s process (an ha: member's own, where it differs).</summary>
    LaunchFacts LaunchFactsOf(ServiceDefinition service, ComposeService compose);
}
