namespace Arc.Platform.Drivers.Native;

/// <summary>What /proc says about a pid: alive or not, when it started, what it runs.</summary>
internal static class ProcessTable
{
    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat; null when the pid is gone or a zombie (dead but not yet reaped).</summary>
    public static ulong? StartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X")
            return null;
        return ulong.TryParse(fields[19], out var ticks) ? ticks : null;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// True when the pid still runs the process we recorded: same start time, and its command line
    /// names the executable (also true during the launch chain sh → setsid → setpriv, which all
    /// carry it as an argument; redis-server rewrites its title but keeps argv[0]). An empty command
    /// line is accepted: the kernel shows one while a process is in the middle of an execve, which
    /// happens four times in the first milliseconds of a launch; the start time alone already tells
    /// a reused pid apart.
    /// </summary>
    public static bool IsSameProcess(ProcessRecord record)
    {
        if (record.Pid <= 0 || StartTicks(record.Pid) != record.StartTicks)
            return false;
        var commandLine = CommandLine(record.Pid);
        return commandLine.Length == 0 || commandLine.Contains(Path.GetFileName(record.Executable), StringComparison.Ordinal);
    }

    public static bool IsAlive(int pid) => StartTicks(pid) is not null;
}
