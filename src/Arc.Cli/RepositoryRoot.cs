using Arc.Platform.Registry;

namespace Arc.Cli;

internal static class RepositoryRoot
{
    /// <summary>--root when given, else the nearest ancestor of <paramref name="start"/> holding services/profiles.yaml.</summary>
    public static string Find(string? explicitRoot, string start)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot);
            if (!Directory.Exists(full))
                throw new UsageException($"--root {explicitRoot}: no such directory");
            return full;
        }
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ServiceRegistry.ProfilesFile)))
                return dir.FullName;
        throw new UsageException($"no {ServiceRegistry.ProfilesFile} in {start} or any parent directory; run inside the repository or pass --root DIR");
    }
}
