using Arc.Platform.Registry;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The native plan as another driver runs it: a container with the host's network that runs exactly the
/// command line a member would run here (the docker driver's highly available topologies). The state it needs
/// is prepared as for a process — the same data directory under <c>.arc/data/</c>, the same generated files,
/// written the same way and handed to the same server user — so both drivers derive from one plan.
/// </summary>
public sealed partial class NativeDriver
{
    /// <summary>
    /// One member prepared at a time: planning generates a topology's shared users when missing, and members
    /// started side by side would each generate their own (a replica then fails to authenticate to its primary).
    /// </summary>
    private static readonly Lock Preparing = new();

    /// <summary>
    /// Plans <paramref name="service"/> afresh for a container whose image runs the server (so its executable need
    /// not be installed here), prepares its data directory and writes the plan's files; a port another process holds
    /// is refused as natively. The plan's executable is the name alone: the image's entrypoint runs it.
    /// </summary>
    public NativeLaunchPlan PrepareElsewhere(ServiceDefinition service)
    {
        lock (Preparing)
            return PrepareNow(service);
    }

    private NativeLaunchPlan PrepareNow(ServiceDefinition service)
    {
        StateTree.EnsureDirectories(Paths);
        var plan = PlanNow(service, locate: name => name);
        if (plan.MissingRuntimeRemedy is not null)
            return plan;
        StateTree.CheckDirectory(Paths.DataDirectory(service.Codename), ownedByServerUser: true);
        ServiceProcesses.EnsurePortsFree(_host, service);
        PrepareDataDirectory(service.Codename);
        GeneratedFiles.Write(plan.Files);
        foreach (var writable in plan.ServerWritable)
            _host.GiveToServerUser(writable);
        return plan;
    }

    /// <summary>The <c>uid:gid</c> the servers run as: the <c>arc</c> user when arc is root, else whoever runs arc.</summary>
    public static string ServerUserIds() => ServerUser.Ids() is { } ids && ServerUser.ArcIsRoot
        ? $"{ids.Uid}:{ids.Gid}" : $"{PosixFiles.EffectiveUid}:{PosixFiles.EffectiveGid}";
}
