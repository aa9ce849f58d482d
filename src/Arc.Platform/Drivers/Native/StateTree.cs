namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The rules every path under <c>.arc/</c> obeys before arc reads or writes it (DESIGN.md §5): never a
/// link, the expected kind (directory or regular file), owned by whoever runs arc (or, for what the
/// servers write, by the server user), not writable by group or others, and on a writable file
/// system. As ssh refuses a foreign <c>~/.ssh</c>, a root arc refuses state someone else controls,
/// since it would otherwise write, chmod or chown wherever that someone pointed it.
/// </summary>
internal static class StateTree
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Creates what is missing of <c>.arc</c>, run, logs and data, and refuses any of them that breaks a rule.</summary>
    public static void EnsureDirectories(NativePaths paths)
    {
        EnsureDirectory(paths.StateDirectory);
        EnsureDirectory(paths.RunDirectory);
        EnsureDirectory(paths.LogDirectory);
        EnsureDirectory(paths.DataRoot);
    }

    /// <summary>A directory arc itself owns: created when missing, else checked.</summary>
    public static void EnsureDirectory(string path)
    {
        if (!PosixFiles.Lstat(path).Exists)
        {
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriverException($"cannot create {path}: {e.Message}");
            }
        }
        CheckDirectory(path, ownedByServerUser: false);
    }

    /// <summary>A directory under <c>.arc/</c> (own, or the server user's when arc is root) that must be safe to use.</summary>
    public static void CheckDirectory(string path, bool ownedByServerUser)
    {
        var facts = PosixFiles.Lstat(path);
        if (!facts.Exists)
            return;
        RefuseLink(path, facts);
        if (!facts.IsDirectory)
            throw new DriverException($"{path} is a file, not a directory: remove or move it so arc can keep its state there");
        CheckOwnerAndMode(path, facts, ownedByServerUser);
        if (!PosixFiles.IsWritable(path))
            throw new DriverException($"{path} is read-only: arc keeps its state there and cannot write it");
    }

    /// <summary>A file under <c>.arc/</c> arc is about to open: absent, or a regular file that is no link.</summary>
    public static void CheckFile(string path, bool ownedByServerUser = false)
    {
        var facts = PosixFiles.Lstat(path);
        if (!facts.Exists)
            return;
        RefuseLink(path, facts);
        if (!facts.IsRegular)
            throw new DriverException($"{path} is not a regular file: remove it");
        CheckOwnerAndMode(path, facts, ownedByServerUser);
    }

    private static void RefuseLink(string path, FileFacts facts)
    {
        if (facts.IsLink)
            throw new DriverException($"{path} is a symbolic link; arc never follows links under .arc/: remove it");
    }

    private static void CheckOwnerAndMode(string path, FileFacts facts, bool ownedByServerUser)
    {
        var self = PosixFiles.EffectiveUid;
        var allowed = facts.Uid == self || ownedByServerUser && ServerUser.ArcIsRoot && ServerUser.Uid() is { } server && facts.Uid == server;
        if (!allowed)
            throw new DriverException(
                $"{path} is owned by uid {facts.Uid}, not by uid {self} who runs arc: arc refuses state another user controls; remove it or change its owner");
        if ((facts.Mode & GroupOrOtherWrite) != 0)
            throw new DriverException($"{path} is writable by group or others (mode {Convert.ToString((int)facts.Mode, 8)}): run `chmod go-w {path}`");
    }
}
