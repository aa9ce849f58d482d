using Arc.Platform.Drivers.Native;
using Arc.Platform.Text;

namespace Arc.Platform.Secrets;

/// <summary>
/// <c>.arc/secrets/</c>: one file per service and user (<c>flash.arc</c>, <c>sonic.exporter</c>) holding
/// only the password, so compose can mount it as a secret and a health check can read it. The
/// directory is 0700 and every file 0600, both owned by whoever runs arc; nothing is ever written
/// through a link (a fresh O_EXCL file renamed over the name), and a file that is a link, someone
/// else's, or readable by group or others is refused rather than used.
/// </summary>
public sealed class SecretStore(string directory)
{
    public const string DirectoryName = "secrets";
    private const string InsecureSuffix = ".insecure";
    internal const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The store of a repository: <c>&lt;root&gt;/.arc/secrets</c>.</summary>
    public static SecretStore Under(string root) => new(DirectoryOf(root));

    public static string DirectoryOf(string root) => Path.Combine(Path.GetFullPath(root), ".arc", DirectoryName);

    /// <summary>The file holding <paramref name="user"/>'s password of <paramref name="codename"/>.</summary>
    public string FileOf(string codename, string user) => Path.Combine(Directory, $"{codename}.{user}");

    /// <summary>The service's credentials, or null when it runs open or none were generated (yet).</summary>
    public ServiceCredentials? Load(string codename, IReadOnlyList<string> users)
    {
        if (users.Count == 0 || IsInsecure(codename) || !PosixFiles.Lstat(Directory).Exists)
            return null;
        CheckDirectory();
        var loaded = new List<Credential>();
        foreach (var user in users)
        {
            var path = FileOf(codename, user);
            CheckFile(path);
            if (!File.Exists(path))
                return null;
            loaded.Add(new Credential(user, File.ReadAllText(path).Trim()));
        }
        return new ServiceCredentials(codename, loaded);
    }

    /// <summary>`up`: the service's credentials, generating what is missing; an earlier `--insecure` is lifted.</summary>
    public ServiceCredentials Ensure(string codename, IReadOnlyList<string> users)
    {
        EnsureDirectory();
        Remove(InsecureMarker(codename));
        foreach (var user in users)
            if (!PosixFiles.Lstat(FileOf(codename, user)).Exists)
                Write(FileOf(codename, user), Passwords.Generate());
        return Load(codename, users) ?? throw new DriverException($"{codename}: its credentials could not be read back from {Directory}");
    }

    /// <summary>`secrets rotate`: a new password for every user of the service.</summary>
    public ServiceCredentials Rotate(string codename, IReadOnlyList<string> users)
    {
        EnsureDirectory();
        Remove(InsecureMarker(codename));
        foreach (var user in users)
            Write(FileOf(codename, user), Passwords.Generate());
        return Load(codename, users)!;
    }

    /// <summary>`up --insecure`: the service runs open until a plain `up` or `secrets rotate`.</summary>
    public void MarkInsecure(string codename)
    {
        EnsureDirectory();
        if (!PosixFiles.Lstat(InsecureMarker(codename)).Exists)
            Write(InsecureMarker(codename), "");
    }

    public bool IsInsecure(string codename) => PosixFiles.Lstat(InsecureMarker(codename)).Exists;

    /// <summary>`clean`: the service's credentials go with its data.</summary>
    public void Delete(string codename)
    {
        if (!PosixFiles.Lstat(Directory).Exists)
            return;
        CheckDirectory();
        foreach (var path in System.IO.Directory.GetFiles(Directory, codename + ".*"))
            Remove(path);
        new ContainerCopies(this).Delete(codename);
    }

    private string InsecureMarker(string codename) => Path.Combine(Directory, codename + InsecureSuffix);

    internal void EnsureDirectory()
    {
        StateTree.EnsureDirectory(Path.GetDirectoryName(Directory)!);
        if (!PosixFiles.Lstat(Directory).Exists)
        {
            if (OperatingSystem.IsWindows())
                throw new PlatformNotSupportedException("arc keeps credentials on Linux");
            try
            {
                System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DriverException($"cannot create {Directory}: {e.Message}");
            }
        }
        CheckDirectory();
        // Checked first: chmod follows links, and the check refused one.
        PosixFiles.Chmod(Directory, OwnerOnlyDirectory);
    }

    private void CheckDirectory() => CheckOwnerOnlyDirectory(Directory);

    /// <summary>A directory of secrets: ours, no link, writable by us only, and closed to group and others.</summary>
    internal static void CheckOwnerOnlyDirectory(string directory)
    {
        StateTree.CheckDirectory(directory, ownedByServerUser: false);
        var mode = PosixFiles.Lstat(directory).Mode;
        if ((mode & GroupOrOther) != 0)
            throw new DriverException($"{directory} is open to group or others (mode {Convert.ToString((int)mode, 8)}): run `chmod 700 {directory}`");
    }

    private static void CheckFile(string path)
    {
        StateTree.CheckFile(path);
        var facts = PosixFiles.Lstat(path);
        if (facts.Exists && (facts.Mode & GroupOrOther) != 0)
            throw new DriverException($"{path} is readable by group or others (mode {Convert.ToString((int)facts.Mode, 8)}): run `chmod 600 {path}`");
    }

    /// <summary>A 0600 file replacing the name (<see cref="ReplacingWriter"/>), once the name passed the file's own rules.</summary>
    private static void Write(string path, string content)
    {
        CheckFile(path);
        ReplacingWriter.Write(path, content, OwnerOnlyFile);
    }

    private static void Remove(string path)
    {
        if (PosixFiles.Lstat(path).Exists)
            File.Delete(path);
    }
}
