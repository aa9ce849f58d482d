using System.Globalization;
using Arc.Platform.Processes;

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

    public static void EnsureExists()
    {
        if (!ArcIsRoot || Ids() is not null)
            return;
        Run(LaunchChain.Tool("useradd"), "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name);
    }

    /// <summary>The server user's uid, or null when it does not exist (yet).</summary>
    public static uint? Uid() => Ids()?.Uid;

    /// <summary>
    /// Hands a file, or a directory and everything below it, to the server user. Never through a link:
    /// a link the server planted in its data directory has its own owner changed, not its target's.
    /// </summary>
    public static void GiveOwnership(string path)
    {
        if (ArcIsRoot && Ids() is { } ids)
            ChownTree(path, ids.Uid, ids.Gid);
    }

    private static void ChownTree(string path, uint uid, uint gid)
    {
        PosixFiles.ChownNoFollow(path, uid, gid);
        if (PosixFiles.Lstat(path) is not { IsDirectory: true, IsLink: false })
            return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
            ChownTree(entry, uid, gid);
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

    internal static (uint Uid, uint Gid)? Ids()
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 3 && fields[0] == Name
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                return (uid, gid);
        }
        return null;
    }

    private static void Run(string program, params string[] arguments)
    {
        var result = ChildProcess.Run(LaunchChain.MinimalCommand(program, arguments));
        if (!result.Succeeded)
            throw new DriverException($"{program} {string.Join(' ', arguments)} failed: {result.Error.Trim()}");
    }
}
