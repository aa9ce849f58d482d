namespace Arc.Platform.Drivers.Native;

/// <summary>
/// The files a supervisor writes: the log, its rotations and the restart count. arc creates them (no
/// link followed, O_EXCL) and hands them to the server user, who may write them but never create or
/// replace anything in the root-owned log directory.
/// </summary>
internal sealed record SupervisedFiles(string Log, string RestartsFile)
{
    private const UnixFileMode OwnerReadWriteGroupRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public IEnumerable<string> Rotations(int keep) => Enumerable.Range(1, keep).Select(i => $"{Log}.{i}");

    public void Prepare(LogLimits limits, INativeHost host)
    {
        foreach (var file in Rotations(limits.Keep).Prepend(Log).Append(RestartsFile))
            Provide(file, host);
        File.WriteAllText(RestartsFile, "0\n");
    }

    /// <summary>
    /// What the supervisor last wrote about its restarts (<c>COUNT [EXIT-STATUS DELAY]</c>), or no restarts
    /// when the file says nothing sensible.
    /// </summary>
    public RestartState Restarts()
    {
        StateTree.CheckFile(RestartsFile, ownedByServerUser: true);
        try
        {
            using var stream = new FileStream(RestartsFile, FileMode.Open, FileAccess.Read);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return RestartState.Parse(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RestartState.None;
        }
    }

    private static void Provide(string file, INativeHost host)
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
        host.GiveToServerUser(file);
    }
}
