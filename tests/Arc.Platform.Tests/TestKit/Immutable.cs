using System.Diagnostics;

namespace Arc.Platform.Tests.TestKit;

/// <summary>chattr +i: not writable even by root, as a read-only mount would be; undone on dispose.</summary>
internal sealed class Immutable : IDisposable
{
    private readonly string path;

    private Immutable(string path) => this.path = path;

    public static Immutable Make(string path)
    {
        Chattr("+i", path);
        return new Immutable(path);
    }

    public void Dispose() => Chattr("-i", path);

    private static void Chattr(string flag, string path)
    {
        using var chattr = Process.Start("chattr", [flag, path])!;
        chattr.WaitForExit();
        Assert.Equal(0, chattr.ExitCode);
    }
}
