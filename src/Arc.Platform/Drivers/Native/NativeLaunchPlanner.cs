using Arc.Platform.Compose;
using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The native driver's one way to a process's launch plan: it asks the service's technology for its
/// <see cref="INativeLaunchFacts"/>. A technology that declares none cannot run as a local process; the plan says
/// so: the driver skips the service as for a missing runtime, its remedy pointing at the docker driver.
/// </summary>
public static class NativeLaunchPlanner
{
    public static NativeLaunchPlan Plan(ITechnology technology, ServiceDefinition service, ComposeService compose, NativeLaunchContext context) =>
        technology is INativeLaunchFacts facts
            ? facts.PlanNativeLaunch(service, compose, context)
            : NativeLaunchPlan.Missing($"{technology.Tech} cannot run as a local process");
}
