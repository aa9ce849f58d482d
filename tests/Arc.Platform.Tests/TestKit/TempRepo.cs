namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A throw-away copy of the repository's configuration (or an empty tree) that a test may
/// break freely. Deleted on dispose.
/// </summary>
public sealed class TempRepo : IDisposable
{
    private TempRepo(string root) => Root = root;

    public string Root { get; }

    public static TempRepo Empty()
    {
        return new TempRepo(TempDirectory.Fresh());
    }

    /// <summary>A copy of the real services/, Makefile and workflows, the files `arc` reads.</summary>
    public static TempRepo CopyOfRealRepo()
    {
        var repo = Empty();
        foreach (var entry in new[] { "services", ".github", "Makefile" })
        {
            if (Directory.Exists(Path.Combine(RealRoot, entry)) || File.Exists(Path.Combine(RealRoot, entry)))
                repo.Include(entry);
        }
        return repo;
    }

    /// <summary>Adds <paramref name="entry"/> (a file or directory of the real checkout, such as <c>scripts</c>) to this copy.</summary>
    public TempRepo Include(string entry)
    {
        var source = Path.Combine(RealRoot, entry);
        if (Directory.Exists(source))
            CopyDirectory(source, PathOf(entry));
        else
            File.Copy(source, PathOf(entry));
        return this;
    }

    /// <summary>The checkout this test assembly was built from.</summary>
    public static string RealRoot { get; } = FindRealRoot();

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Replaces exactly one occurrence, so a test fails loudly when the file it breaks has changed.</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        var text = Read(relative);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"'{oldText}' not found in {relative}");
        Write(relative, text[..at] + newText + text[(at + oldText.Length)..]);
    }

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server a test started may still hold a file for a moment; the OS cleans /tmp.
        }
    }

    private static string FindRealRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "services", "profiles.yaml")))
                return dir.FullName;
        throw new InvalidOperationException("tests must run inside the repository checkout");
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(source))
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
    }
}
