using System.Diagnostics;

namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Servers never run as root: when arc is root it runs them as the system user <c>arc</c>,
/// creating it on first use, and hands it the data directories.
/// </summary>
internal static class ServerUser
{
    public const string Name = "arc";

    public static bool ArcIsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The user servers run as: <c>arc</c> under root, else whoever runs arc.</summary>
    public static string Effective => ArcIsRoot ? Name : Environment.UserName;

    /// <summary>The launcher words that drop privileges, or none when arc is not root.</summary>
    public static IReadOnlyList<string> DropPrivilegesPrefix =>
        ArcIsRoot ? ["setpriv", "--reuid", Name, "--regid", Name, "--init-groups"] : [];

    public static void EnsureExists()
    {
        if (!ArcIsRoot || Exists())
            return;
        Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name);
    }

    public static void GiveOwnership(string directory)
    {
        if (ArcIsRoot)
            Run("chown", "-R", $"{Name}:{Name}", directory);
    }

    /// <summary>
    /// The arc user must be able to walk down to its data directory; a checkout under /root (mode
    /// 0700) would make every server fail with a cryptic permission error, so say it up front.
    /// </summary>
    public static void EnsureReachable(string directory)
    {
        if (!ArcIsRoot || OperatingSystem.IsWindows())
            return;
        for (var current = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if ((File.GetUnixFileMode(current) & UnixFileMode.OtherExecute) == 0)
                throw new DriverException(
                    $"the unprivileged user '{Name}' that runs the servers cannot enter {current}; run `chmod o+x {current}` or keep the checkout elsewhere");
        }
    }

    private static bool Exists() =>
        File.ReadLines("/etc/passwd").Any(line => line.StartsWith(Name + ":", StringComparison.Ordinal));

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new DriverException($"cannot run {program}");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new DriverException($"{program} {string.Join(' ', arguments)} failed: {error.Trim()}");
    }
}
