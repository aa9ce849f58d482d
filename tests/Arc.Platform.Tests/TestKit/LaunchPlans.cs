using Arc.Platform.Compose;
using Arc.Platform.Drivers.Native;
using Arc.Platform.Registry;
using Arc.Platform.Technologies.Nats;
using Arc.Platform.Technologies.Pulsar;
using Arc.Platform.Technologies.Redis;

namespace Arc.Platform.Tests.TestKit;

/// <summary>A technology's native plan as the driver's planner makes it from its facts, with a substitute installation.</summary>
public static class LaunchPlans
{
    /// <param name="locate">Finds a binary by name (an empty or fake installation).</param>
    public static NativeLaunchPlan Nats(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, Func<string, string?> locate) =>
        NativeLaunchPlanner.Plan(new NatsTechnology(), service, compose, context with { Locate = locate });

    public static NativeLaunchPlan Redis(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, Func<string, string?> locate) =>
        NativeLaunchPlanner.Plan(RedisLaunch.Facts(service), service, compose, context with { Locate = locate });

    /// <param name="pulsarHome">PULSAR_HOME; null: not installed.</param>
    public static NativeLaunchPlan Pulsar(ServiceDefinition service, ComposeService compose, NativeLaunchContext context, string? pulsarHome, Func<bool> javaIsAvailable) =>
        NativeLaunchPlanner.Plan(PulsarLaunch.Facts(service, pulsarHome, javaIsAvailable), service, compose, context);
}
