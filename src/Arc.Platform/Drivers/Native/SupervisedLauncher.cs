using System.Diagnostics;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>How big a native log grows before it rotates, and how many rotated files are kept.</summary>
public sealed record LogLimits(long MaxBytes, int Keep)
{
    public static LogLimits Default { get; } = new(10 * 1024 * 1024, 3);
}

/// <summary>
/// Starts a server that outlives arc, under a small supervisor that restarts it when it dies, as
/// compose's <c>restart: unless-stopped</c> does. The chain, every step an exec, is
/// <c>setsid → [setpriv → arc user] → sh (supervisor) → env -i … → server</c>:
/// <list type="bullet">
/// <item>setsid gives the supervisor its own session and process group, so Ctrl-C in arc's terminal
/// does not reach it and stopping signals the whole group (supervisor, server, its children);</item>
/// <item>setpriv drops root before anything of the checkout's is read: the supervisor and the server
/// run as the <c>arc</c> user, and the compose environment is applied by env -i only after that;</item>
/// <item>the supervisor pipes the server's output to its logger, which writes the log and rotates it at a size cap.</item>
/// </list>
/// The recorded pid is the supervisor's: it lives as long as the service is meant to run.
/// </summary>
internal static class SupervisedLauncher
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(5);

    public static async Task<ProcessRecord> LaunchAsync(INativeHost host, string name, NativeLaunchPlan plan, string workingDirectory, SupervisedFiles files, LogLimits limits)
    {
        files.Prepare(limits, host);
        // Run by the path located (redis-server is a link whose name picks its role); recorded as /proc shows it.
        var program = plan.Executable;
        var shell = LaunchChain.Tool("sh");
        var chain = LaunchChain.DropPrivileges();
        var command = LaunchChain.WithEnvironment(program, plan.Arguments, plan.Environment, workingDirectory);
        var start = LaunchChain.MinimalCommand(chain[0], [.. chain.Skip(1), shell, "-c", SupervisorScript.Text, "arc-supervise",
            .. SupervisorScript.Arguments(files, limits, command, plan.FirstRestartDelaySeconds)]);
        var pid = host.StartDetached(start with { WorkingDirectory = workingDirectory }, program);
        var ticks = host.StartTicks(pid) ?? 0;
        await AwaitSupervisorAsync(host, pid, shell, name, files.Log);
        return new ProcessRecord(name, pid, ticks, shell, plan.Arguments, host.ServerUserName, DateTimeOffset.UtcNow, LaunchChain.RealPath(program));
    }

    /// <summary>
    /// Until the chain has exec'd into the supervisor the pid runs setsid or setpriv; the record names
    /// the supervisor's executable exactly, so it is written only once that is what runs. The wait is
    /// asynchronous, so the services of one dependency layer launch side by side; it is not
    /// cancellable, because a chain started and left without a record could not be stopped.
    /// </summary>
    private static async Task AwaitSupervisorAsync(INativeHost host, int pid, string shell, string name, string log)
    {
        var clock = Stopwatch.StartNew();
        while (host.Executable(pid) != shell)
        {
            if (!host.IsAlive(pid))
                throw new DriverException($"{name}: the launch chain exited before the supervisor started; see {log}");
            if (clock.Elapsed > SettleLimit)
                throw new DriverException($"{name}: the launch chain did not reach the supervisor within {SettleLimit.TotalSeconds:0} s");
            await Task.Delay(1, CancellationToken.None);
        }
    }
}
