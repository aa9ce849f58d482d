using Arc.Platform.Text;

namespace Arc.Platform.Drivers.Native;

/// <summary>The files a launch plan generates (its <c>Files</c>), written before its process starts.</summary>
internal static class GeneratedFiles
{
    /// <summary>
    /// Readable by the server, which runs as its own user when arc is root; only their owner writes them (the ones
    /// the server rewrites are handed to it afterwards).
    /// </summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Each file goes into a directory the server user may own, and replaces whatever link it planted there.</summary>
    public static void Write(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, content) in files)
            ReplacingWriter.Write(path, content, Mode, directoryOwnedByServerUser: true);
    }
}
