using Arc.Platform.Drivers.Native;
using Arc.Platform.Text;

namespace Arc.Platform.Secrets;

/// <summary>A container's user as compose runs it: a numeric uid and, when given, gid.</summary>
public sealed record ContainerUser(uint Uid, uint? Gid)
{
    /// <summary>"1000", "999:1000"; null for a name ("redis"), which only the image could resolve.</summary>
    public static ContainerUser? Parse(string? text)
    {
        if (text is null)
            return null;
        var parts = text.Trim().Split(':');
        if (parts.Length > 2 || !uint.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out var uid))
            return null;
        if (parts.Length == 1)
            return new ContainerUser(uid, null);
        return uint.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out var gid) ? new ContainerUser(uid, gid) : null;
    }

    public override string ToString() => Gid is { } gid ? $"{Uid}:{gid}" : $"{Uid}";
}

/// <summary>
/// The files containers read (compose <c>secrets:</c>, DESIGN.md §8): <c>.arc/secrets/docker/</c>, an
/// owner-only directory inside the owner-only secrets directory. Outside swarm a compose secret is a
/// bind mount whose uid/mode settings are ignored, so the container's user must be able to read the file
/// itself: when arc is root each file is handed to that user, mode 0400. Other host users cannot reach
/// it (they cannot enter either directory), so its owner grants them nothing. Not root, arc cannot give
/// a file away (and a rootless engine maps the ids anyway): the file is 0444 behind the same directories.
/// </summary>
/// <param name="canChown">Whether files can be given away (arc runs as root); a parameter so both ways are tested.</param>
public sealed class ContainerCopies(SecretStore store, bool? canChown = null)
{
    private readonly bool _canChown = canChown ?? PosixFiles.EffectiveUid == 0;

    public const string DirectoryName = "docker";
    private const UnixFileMode ReadOnlyForOwner = UnixFileMode.UserRead;
    private const UnixFileMode ReadOnlyForAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public string Directory { get; } = Path.Combine(store.Directory, DirectoryName);

    /// <summary>Where the copy named <paramref name="name"/> lives.</summary>
    public string FileOf(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// Writes <paramref name="content"/> as <paramref name="name"/>, replacing the old file (<see cref="ReplacingWriter"/>),
    /// so a running container keeps the file it opened until it is recreated.
    /// </summary>
    public void Write(string name, string content, ContainerUser? reader)
    {
        EnsureDirectory();
        var path = FileOf(name);
        var facts = PosixFiles.Lstat(path);
        if (facts.Exists && !facts.IsRegular)
            throw new DriverException($"{path} is {(facts.IsLink ? "a symbolic link" : "not a regular file")}; arc never writes through one: remove it");
        var owner = _canChown && reader is not null ? (reader.Uid, reader.Gid ?? uint.MaxValue) : ((uint, uint)?)null;
        ReplacingWriter.Write(path, content, _canChown ? ReadOnlyForOwner : ReadOnlyForAll, owner: owner);
    }

    /// <summary>`clean`: the service's copies go with its credentials.</summary>
    public void Delete(string codename)
    {
        if (!PosixFiles.Lstat(Directory).Exists)
            return;
        CheckDirectory();
        foreach (var path in System.IO.Directory.GetFiles(Directory, codename + ".*"))
            File.Delete(path);
    }

    private void EnsureDirectory()
    {
        store.EnsureDirectory();
        if (!PosixFiles.Lstat(Directory).Exists)
        {
            if (OperatingSystem.IsWindows())
                throw new PlatformNotSupportedException("arc keeps credentials on Linux");
            try
            {
                System.IO.Directory.CreateDirectory(Directory, SecretStore.OwnerOnlyDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriverException($"cannot create {Directory}: {e.Message}");
            }
        }
        CheckDirectory();
        PosixFiles.Chmod(Directory, SecretStore.OwnerOnlyDirectory);
    }

    /// <summary>Like the secrets directory: ours, no link, not open to group or others.</summary>
    private void CheckDirectory() => SecretStore.CheckOwnerOnlyDirectory(Directory);
}
