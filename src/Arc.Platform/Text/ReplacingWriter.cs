using Arc.Platform.Drivers.Native;

namespace Arc.Platform.Text;

/// <summary>
/// The one way arc writes a file it generates (a server's configuration, a password, a member's compose file).
/// The content goes to a fresh file beside the name (O_CREAT|O_EXCL: a link planted under that name is an error,
/// never followed), which gets exactly the caller's mode and is then renamed over the name. The rename replaces a
/// link at the name instead of writing through it, and a reader or a concurrent writer meets the old file or the
/// whole new one, never part of either. The directory must obey the rules of <c>.arc/</c> (<see cref="StateTree"/>):
/// no link, the expected owner, not writable by group or others.
/// </summary>
internal static class ReplacingWriter
{
    /// <param name="directoryOwnedByServerUser">
    /// Whether the directory may belong to the server user (a data directory, when arc is root) rather than to arc's.
    /// </param>
    /// <param name="owner">Who the file is handed to before it takes the name (uint.MaxValue: the group stays); null: arc's user.</param>
    /// <param name="what">What the file is, for the error ("the run record "); empty: its path says enough.</param>
    public static void Write(string path, string content, UnixFileMode mode, bool directoryOwnedByServerUser = false,
        (uint Uid, uint Gid)? owner = null, string what = "")
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("arc writes its files on Linux");
        var directory = Path.GetDirectoryName(path)!;
        StateTree.CheckDirectory(directory, directoryOwnedByServerUser);
        Directory.CreateDirectory(directory);
        if (owner is null && AlreadyHolds(path, content, mode))
            return;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = PosixFiles.CreateNew(temporary, mode))
            {
                // O_CREAT's mode passes through the umask; the caller asked for this one.
                File.SetUnixFileMode(stream.SafeFileHandle, mode);
                using var writer = new StreamWriter(stream);
                writer.Write(content);
            }
            if (owner is { } handedTo)
                PosixFiles.ChownNoFollow(temporary, handedTo.Uid, handedTo.Gid);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DriverException)
        {
            // A full disk is the usual cause: no half-written file is left behind, and the old one stays.
            File.Delete(temporary);
            throw new DriverException($"cannot write {what}{path}: {e.Message}");
        }
    }

    /// <summary>A file that already says this, with this mode, is left as it is: an `up` that changes nothing needs no free space.</summary>
    private static bool AlreadyHolds(string path, string content, UnixFileMode mode) =>
        PosixFiles.Lstat(path) is { IsRegular: true } facts && facts.Mode == mode && File.ReadAllText(path) == content;
}
