namespace Arc.Platform.Technologies;

/// <summary>Finds a server binary the way a shell would, plus the sbin directories Debian installs daemons into.</summary>
public static class ExecutableLocator
{
    // nats-server lands in /usr/sbin, which is not on an ordinary user's PATH.
    private static readonly string[] DaemonDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    public static string? Find(string name)
    {
        if (name.Contains('/'))
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(DaemonDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, name);
            if (IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}
