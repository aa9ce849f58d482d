namespace Arc.Platform.Tests.TestKit;

/// <summary>
/// A fresh directory under /tmp (owner-only), deleted with everything in it on dispose: the test kit's one
/// temporary-directory helper. <see cref="Fresh"/> makes one readable by others (the server user must enter a repository).
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("arc-test-").FullName;
    }

    /// <summary>
    /// A new directory named <paramref name="prefix"/> plus a random part, under <paramref name="under"/> (default /tmp),
    /// with the umask's mode rather than owner-only; the caller deletes it.
    /// </summary>
    public static string Fresh(string prefix = "arc-test-", string? under = null) =>
        Directory.CreateDirectory(System.IO.Path.Combine(under ?? System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>The path of <paramref name="name"/> inside, not created.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that just died may still be flushing; a leftover temp dir is harmless.
        }
    }
}
