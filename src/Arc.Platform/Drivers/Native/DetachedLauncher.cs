using System.ComponentModel;
using System.Diagnostics;
using Arc.Platform.Technologies;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Starts a server that outlives arc. The chain is
/// <c>sh -c 'exec "$@" &lt;/dev/null &gt;&gt;log 2&gt;&amp;1' → setsid → [setpriv] → server</c>, every step an
/// exec, so the pid .NET returns is the server's pid:
/// <list type="bullet">
/// <item>sh points stdin at /dev/null and stdout+stderr at the log file, so the server never holds a
/// pipe to arc (which would break, or block, once arc exits);</item>
/// <item>setsid gives it its own session and process group, so Ctrl-C in arc's terminal (SIGINT to
/// the foreground group) does not reach it, and stopping can signal the whole group, children
/// included. Our child is never a group leader, so setsid does not fork and the pid stays valid;</item>
/// <item>setpriv drops root to the <c>arc</c> user (only when arc runs as root).</item>
/// </list>
/// No double fork is needed: arc never waits for the child, and once arc exits the kernel
/// re-parents it.
/// </summary>
internal static class DetachedLauncher
{
    private const string Script = "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    public static ProcessRecord Launch(string name, NativeLaunchPlan plan, string workingDirectory, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var word in (string[])["-c", Script, "arc-launch", logFile, "setsid", .. ServerUser.DropPrivilegesPrefix, plan.Executable, .. plan.Arguments])
            start.ArgumentList.Add(word);
        foreach (var (key, value) in plan.Environment)
            start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DriverException($"could not start {plan.Executable}");
        }
        catch (Win32Exception e)
        {
            throw new DriverException($"could not start {plan.Executable}: {e.Message}");
        }
        using (process)
        {
            var pid = process.Id;
            return new ProcessRecord(name, pid, ProcessTable.StartTicks(pid) ?? 0, plan.Executable, plan.Arguments,
                ServerUser.Effective, DateTimeOffset.UtcNow);
        }
    }
}
