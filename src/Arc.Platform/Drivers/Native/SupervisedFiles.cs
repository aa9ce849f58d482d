namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The files a supervisor writes: the log, its rotations and the restart count. arc creates them (no
/// link followed, O_EXCL) and hands them to the server user, who may write them but never create or
/// replace anything in the root-owned log directory.
/// </summary>
internal sealed record SupervisedFiles(string Log, string Restarts)
{
    private const UnixFileMode OwnerReadWriteGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public IEnumerable<string> Rotations(int keep) => Enumerable.Range(1, keep).Select(i => $"{Log}.{i}");

    public void Prepare(LogLimits limits)
    {
        foreach (var file in Rotations(limits.Keep).Prepend(Log).Append(Restarts))
            Provide(file);
        File.WriteAllText(Restarts, "0\n");
    }

    /// <summary>The restarts counted since the supervisor started, or 0 when the file says nothing sensible.</summary>
    public int RestartCount()
    {
        StateTree.CheckFile(Restarts, ownedByServerUser: true);
        try
        {
            using var stream = new FileStream(Restarts, FileMode.Open, FileAccess.Read);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return int.TryParse(System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim(), out var count) && count >= 0 ? count : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static void Provide(string file)
    {
        StateTree.CheckFile(file, ownedByServerUser: true);
        if (!PosixFiles.Lstat(file).Exists)
        {
            try
            {
                using var _ = PosixFiles.CreateNew(file, OwnerReadWriteGroupRead);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriverException($"cannot create {file}: {e.Message}");
            }
        }
        ServerUser.GiveOwnership(file);
    }
}
