namespace Arc.Platform.Drivers.Native;

/// <summary>
/// Writes a generated file into a directory the server user owns without ever following a link it
/// may have planted there: a fresh file (O_EXCL) renamed over the old name, which replaces a link
/// rather than writing through it.
/// </summary>
internal static class ReplacingWriter
{
    /// <summary>Every generated file of a launch plan (<see cref="NativeLaunchPlan.Files"/>), before its process starts.</summary>
    public static void WriteFiles(NativeLaunchPlan plan)
    {
        foreach (var (path, content) in plan.Files)
            Write(path, content);
    }

    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        StateTree.CheckDirectory(directory, ownedByServerUser: true);
        Directory.CreateDirectory(directory);
        if (PosixFiles.Lstat(path) is { IsRegular: true } && File.ReadAllText(path) == content)
            return;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
                writer.Write(content);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk is the usual cause; nothing has started yet, and no half-written file is left.
            File.Delete(temporary);
            throw new DriverException($"cannot write {path}: {e.Message}");
        }
    }
}
